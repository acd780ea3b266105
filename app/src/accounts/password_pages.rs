//! The password pages: change (logged in), and reset by mail: ask for a link, then set a new
//! password through it.
use super::api::{
    login_required, reset_link_works, Account, ChangePassword, RequestPasswordReset, ResetLink,
    ResetPassword,
};
use crate::{
    error::AppError,
    i18n::{key, page_title, t, tm, Msg},
    ui::async_view::AsyncView,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The outcome of a form's action: the error for the form, or its field messages.
fn message<T, S>(value: S) -> impl Fn() -> Option<(Msg, &'static str)> + Copy
where
    S: Get<Value = Option<Result<T, AppError>>> + Copy,
{
    move || match value.get() {
        Some(Ok(_)) => None,
        Some(Err(AppError::Invalid(errors))) => {
            ["old_password", "new_password", "confirm_password"]
                .into_iter()
                .find_map(|field| errors.get(field))
                .map(|m| (m, "notice problem"))
        }
        Some(Err(error)) => Some((error.msg(), "notice problem")),
        None => None,
    }
}

/// A labelled password input; `label` is a catalogue key.
#[component]
fn PasswordField(
    name: &'static str,
    label: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name type="password" autocomplete=autocomplete required/>
        </div>
    }
}

/// `/accounts/password_change`.
#[component]
pub fn PasswordChangePage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let problem = message(change.value());
    let done = move || matches!(change.value().get(), Some(Ok(())));
    // Only for a logged-in user: anyone else is sent to the login page, and back here after.
    let account = Resource::new(
        || (),
        |_| login_required("/accounts/password_change".into()),
    );
    let ready = move |_: Account| {
        view! {
            <ActionForm action=change attr:class="password-change">
                <PasswordField name="old_password" label=key("accounts-old-password") autocomplete="current-password"/>
                <PasswordField name="new_password" label=key("accounts-new-password") autocomplete="new-password"/>
                <PasswordField name="confirm_password" label=key("accounts-confirm-password") autocomplete="new-password"/>
                <button type="submit">{t("accounts-change-password")}</button>
            </ActionForm>
        }
    };
    view! {
        <Title text=page_title("accounts-password-change-title")/>
        <h1>{t("accounts-password-change-title")}</h1>
        {move || problem().map(|(p, class)| view! { <p class=class role="alert">{tm(p)}</p> })}
        <Show when=done>
            <p class="notice success" role="status">{t("accounts-password-changed")}</p>
        </Show>
        <AsyncView resource=account loading="accounts-loading" ready/>
    }
}

/// `/accounts/password_reset`: asks for the email to send a link to.
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let problem = message(request.value());
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    view! {
        <Title text=page_title("accounts-password-reset-title")/>
        <h1>{t("accounts-password-reset-title")}</h1>
        {move || problem().map(|(p, class)| view! { <p class=class role="alert">{tm(p)}</p> })}
        <Show when=sent fallback=move || view! {
            <p class="lead">{t("accounts-password-reset-lead")}</p>
            <ActionForm action=request attr:class="password-reset">
                <div class="field">
                    <label for="email">{t("accounts-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="email" required/>
                </div>
                <button type="submit">{t("accounts-reset-my-password")}</button>
            </ActionForm>
        }>
            <p class="notice success" role="status">
                {t("accounts-password-reset-sent")}
            </p>
        </Show>
    }
}

/// `/accounts/reset/set-password`: where the link from the mail leads once the server has
/// taken its token into the session.
#[component]
pub fn PasswordResetConfirmPage() -> impl IntoView {
    let works = Resource::new(|| (), |_| reset_link_works());
    let reset = ServerAction::<ResetPassword>::new();
    let problem = message(reset.value());
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    let ready = move |link: ResetLink| {
        let done = move || done() || link == ResetLink::PasswordSet;
        if link == ResetLink::Invalid && !done() {
            return view! {
                <p class="notice problem" role="alert">
                    {t("accounts-reset-link-invalid-page")}
                    <a href="/accounts/password_reset">{t("accounts-reset-link-request-new")}</a>
                </p>
            }
            .into_any();
        }
        view! {
            <Show when=done fallback=move || view! {
                <ActionForm action=reset attr:class="password-reset-confirm">
                    <PasswordField name="new_password" label=key("accounts-new-password") autocomplete="new-password"/>
                    <PasswordField name="confirm_password" label=key("accounts-confirm-password") autocomplete="new-password"/>
                    <button type="submit">{t("accounts-set-my-password")}</button>
                </ActionForm>
            }>
                <p class="notice success" role="status">
                    {t("accounts-password-set")} <a href="/accounts/login">{t("accounts-password-set-log-in")}</a>
                    {t("accounts-password-set-end")}
                </p>
            </Show>
        }
        .into_any()
    };
    view! {
        <Title text=page_title("accounts-reset-confirm-title")/>
        <h1>{t("accounts-reset-confirm-title")}</h1>
        {move || problem().map(|(p, class)| view! { <p class=class role="alert">{tm(p)}</p> })}
        <AsyncView resource=works loading="accounts-reset-checking-link" ready/>
    }
}
