//! `/register`: the registration form, validated as you type (in WASM) and again by the server.
use super::{
    actions::VisitorActions,
    api::Register,
    validation::{Email, Name},
};
use crate::{
    error::{AppError, FieldErrors},
    i18n::{key, page_title, t, use_lang, Msg},
};
use leptos::{html::Input, prelude::*};
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// A form posted without JavaScript that failed, rendered back with the user's input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedRegistration {
    pub name: String,
    pub email: String,
    pub remember: bool,
    pub errors: FieldErrors,
    /// A failure that is not about one field (e.g. the database is down).
    pub problem: Option<Msg>,
}

/// `/register`: the form, validated as you type and again by the server.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let lang = use_lang();
    let register = ServerAction::<Register>::new();
    actions.refetch_after(move || register.version().get());
    // The server re-renders this page for a form posted without JavaScript; the browser must
    // hydrate it with the same values and messages, so they travel with the page.
    let submitted = SharedValue::new(|| use_context::<SubmittedRegistration>().unwrap_or_default())
        .into_inner();

    let name = RwSignal::new(submitted.name.clone());
    let email = RwSignal::new(submitted.email.clone());
    let remember = RwSignal::new(submitted.remember);
    let touched = RwSignal::new((false, false));
    let server_errors = RwSignal::new(submitted.errors.clone());
    let problem = RwSignal::new(submitted.problem.clone());

    // The latest server answer replaces whatever it said before.
    Effect::new(move |_| match register.value().get() {
        Some(Err(AppError::Invalid(errors))) => {
            server_errors.set(errors);
            problem.set(None);
        }
        Some(Err(other)) => problem.set(Some(other.msg())),
        Some(Ok(_)) => {
            server_errors.set(FieldErrors::default());
            problem.set(None);
        }
        None => {}
    });

    let name_error = move || {
        let client = touched
            .get()
            .0
            .then(|| Name::parse(&name.get()).err())
            .flatten();
        client
            .or_else(|| server_errors.get().get("name"))
            .map(|msg| msg.text(lang.get()))
    };
    let email_error = move || {
        let client = touched
            .get()
            .1
            .then(|| Email::parse(&email.get()).err())
            .flatten();
        client
            .or_else(|| server_errors.get().get("email"))
            .map(|msg| msg.text(lang.get()))
    };
    let pending = register.pending();
    let (name_field, email_field, remember_field) =
        (NodeRef::<Input>::new(), NodeRef::<Input>::new(), NodeRef::<Input>::new());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript the form goes through the server function; without, it posts to /register.
        ev.prevent_default();
        // What was typed before the page became interactive is in the fields, not yet in the
        // signals: the fields are the truth.
        if let Some(field) = name_field.get_untracked() {
            name.set(field.value());
        }
        if let Some(field) = email_field.get_untracked() {
            email.set(field.value());
        }
        if let Some(field) = remember_field.get_untracked() {
            remember.set(field.checked());
        }
        touched.set((true, true));
        register.dispatch(Register {
            name: name.get_untracked(),
            email: email.get_untracked(),
            remember: remember.get_untracked().then(|| "on".to_string()),
        });
    };

    view! {
        <Title text=page_title("visitor-register-title")/>
        <h1>{t("visitor-register-title")}</h1>
        <p class="lead">{t("visitor-register-lead")}</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                actions.visitor.await.ok().flatten().map(|visitor| view! {
                    <p class="notice success" role="status">
                        {t("visitor-registered-as")} <strong>{visitor.name}</strong> " (" {visitor.email} "). "
                        {t("visitor-registered-again")}
                    </p>
                })
            })}
        </Transition>
        {move || {
            problem
                .get()
                .map(|p| view! { <p class="notice problem" role="alert">{move || p.text(lang.get())}</p> })
        }}
        <form method="post" action="/register" class="register" novalidate on:submit=on_submit>
            <div class="field">
                <label for="name">{t("visitor-name")}</label>
                // `value` renders the no-JS answer's input into the HTML. No `prop:value`: when
                // the page hydrates it would replace what the visitor already typed.
                <input id="name" name="name" type="text" autocomplete="name" node_ref=name_field
                    value=submitted.name.clone()
                    aria-invalid=move || name_error().is_some().to_string()
                    aria-describedby="name-error"
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        server_errors.update(|e| e.clear("name"));
                    }
                    on:blur=move |_| touched.update(|t| t.0 = true)/>
                <p id="name-error" class="field-error">{name_error}</p>
            </div>
            <div class="field">
                <label for="email">{t("visitor-email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" node_ref=email_field
                    value=submitted.email.clone()
                    aria-invalid=move || email_error().is_some().to_string()
                    aria-describedby="email-error"
                    on:input=move |ev| {
                        email.set(event_target_value(&ev));
                        server_errors.update(|e| e.clear("email"));
                        touched.update(|t| t.1 = true);
                    }
                    on:blur=move |_| touched.update(|t| t.1 = true)/>
                <p id="email-error" class="field-error">{email_error}</p>
            </div>
            <div class="field check">
                <input id="remember" name="remember" type="checkbox" value="on" node_ref=remember_field
                    checked=submitted.remember
                    on:change=move |ev| remember.set(event_target_checked(&ev))/>
                <label for="remember">{t("visitor-remember")}</label>
            </div>
            <button type="submit" disabled=move || pending.get()>
                {move || {
                    let label = if pending.get() {
                        key("visitor-registering")
                    } else {
                        key("visitor-register-button")
                    };
                    crate::i18n::text(lang.get(), label)
                }}
            </button>
        </form>
    }
}
