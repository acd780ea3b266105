//! The header's language switch: one small form per language, so it works as a plain form
//! post without JavaScript and re-renders the page in place with it.
use crate::{
    error::AppError,
    i18n::{t, use_lang, Lang},
    ui::post_form::PostForm,
};
use leptos::{prelude::*, server};

/// Stores the visitor's interface language in their session.
#[server(endpoint = "language")]
pub async fn set_language(lang: String) -> Result<Lang, AppError> {
    crate::server::calls::count();
    let chosen = Lang::from_code(&lang).ok_or_else(|| {
        AppError::BadRequest(
            crate::i18n::Msg::new("language-unknown")
                .with("code", lang.chars().take(20).collect::<String>()),
        )
    })?;
    crate::server::session::VisitorSession::current()
        .await?
        .set_language(chosen)
        .await?;
    Ok(chosen)
}

/// "English" and "Русский", each named in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_lang();
    let action = ServerAction::<SetLanguage>::new();
    // The page re-renders in the new language as soon as the session has it.
    Effect::new(move |_| {
        if let Some(Ok(lang)) = action.value().get() {
            i18n.set(lang);
        }
    });
    // `<html lang>` follows the page's language (the server rendered the first one).
    Effect::new(move |_| {
        let code = i18n.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    view! {
        <nav class="language-switch" aria-label=t("language-switch-label")>
            {Lang::ALL
                .map(|lang| {
                    let current = move || i18n.get() == lang;
                    view! {
                        <PostForm action input=move || SetLanguage { lang: lang.code().to_string() }>
                            <input type="hidden" name="lang" value=lang.code()/>
                            <button
                                type="submit"
                                class="link-button"
                                lang=lang.code()
                                aria-pressed=move || current().to_string()
                                disabled=move || action.pending().get()
                            >
                                {lang.native_name()}
                            </button>
                        </PostForm>
                    }
                })}
        </nav>
    }
}
