//! The page shown when something fails; also sets the HTTP status during SSR.
use crate::{
    error::AppError,
    i18n::{t, use_lang, Msg},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// Renders the first error caught by an `ErrorBoundary` as a friendly page.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    // Read once, untracked: the page is rebuilt by the boundary whenever the errors change.
    let error = errors
        .get_untracked()
        .into_iter()
        .next()
        .and_then(|(_, err)| err.downcast_ref::<AppError>().cloned())
        .unwrap_or(AppError::Internal);
    view! { <ErrorMessage error/> }
}

/// A "not found" page for URLs no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorMessage error=AppError::NotFound(Msg::new("error-no-page"))/> }
}

/// A page's content, or the error page in its place. Errors are rendered right where the data
/// failed rather than through an `ErrorBoundary`, whose swap raced with concurrent SSR renders
/// and could send a half-empty page with the wrong status.
pub fn render_result<V: IntoView + 'static>(result: Result<V, AppError>) -> impl IntoView {
    // `Either`, not `AnyView`: type erasure would keep every render path of every page type in
    // the WASM bundle.
    match result {
        Ok(view) => Either::Left(view),
        Err(error) => Either::Right(view! { <ErrorMessage error/> }),
    }
}

/// The message itself, with the HTTP status set for SSR. No signals of the component that
/// caught the error (it may have gone); only the app-wide language.
#[component]
fn ErrorMessage(error: AppError) -> impl IntoView {
    error.set_response_status();
    let lang = use_lang();
    let title_key = error.title_key();
    let title = move || crate::i18n::text(lang.get(), title_key);
    let message = error.msg();
    view! {
        <Title text=title/>
        <section class="error-page" role="alert">
            <h1>{title}</h1>
            <p>{move || message.text(lang.get())}</p>
            <p><a href="/">{t("error-back-home")}</a></p>
        </section>
    }
}
