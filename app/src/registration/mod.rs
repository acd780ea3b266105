//! Remembering a visitor for the session: the registration form, the greeting, forget-me and
//! the "My session" page. The seed's Django view, with session id rotation added.
pub mod validation;

use crate::error::AppError;
use leptos::{prelude::*, server};
use leptos_meta::Title;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use validation::{Email, FieldErrors, Name};

/// Who the session says this visitor is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitor {
    pub profile_id: i64,
    pub name: String,
    pub email: String,
}

/// What the "My session" page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub visitor: Option<Visitor>,
    pub home_visits: u64,
    /// When the server forgets this session (RFC 3339, UTC), if it has been saved.
    pub expires_at: Option<String>,
    pub ends_at_browser_close: bool,
}

/// A form posted without JavaScript that failed, rendered back with the user's input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmittedRegistration {
    pub name: String,
    pub email: String,
    pub remember: bool,
    pub errors: FieldErrors,
    /// A failure that is not about one field (e.g. the database is down).
    pub problem: Option<String>,
}

/// Saves the name and email to the profile table and the session.
#[server(endpoint = "registration/register")]
pub async fn register(
    name: String,
    email: String,
    remember: Option<String>,
) -> Result<Visitor, AppError> {
    let session = crate::session::VisitorSession::current().await?;
    ssr::register(
        &crate::db::pool()?,
        &session,
        &name,
        &email,
        remember.is_some(),
    )
    .await
}

/// Forgets the visitor's name and email (the visit count stays).
#[server(endpoint = "registration/forget")]
pub async fn forget_me() -> Result<(), AppError> {
    crate::session::VisitorSession::current()
        .await?
        .forget()
        .await
}

/// The registered visitor of this session, if any.
#[server(endpoint = "registration/visitor")]
pub async fn current_visitor() -> Result<Option<Visitor>, AppError> {
    crate::session::VisitorSession::current()
        .await?
        .visitor()
        .await
}

/// Everything the server remembers about this browser.
#[server(endpoint = "registration/session")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    let pool = crate::db::pool()?;
    crate::session::VisitorSession::current()
        .await?
        .info(&pool)
        .await
}

/// Deletes everything the server keeps about this browser: the session (and its cookie) and the
/// visit counter. The profile row stays: it belongs to the email, not the browser.
#[server(endpoint = "registration/forget-all")]
pub async fn forget_everything() -> Result<(), AppError> {
    let pool = crate::db::pool()?;
    crate::session::VisitorSession::current()
        .await?
        .forget_everything(&pool)
        .await
}

/// Actions shared by the header, the register page and the session page.
#[derive(Clone, Copy)]
pub struct VisitorActions {
    pub register: ServerAction<Register>,
    pub forget: ServerAction<ForgetMe>,
    pub forget_all: ServerAction<ForgetEverything>,
    /// The current visitor, refetched whenever either action completes.
    pub visitor: Resource<Result<Option<Visitor>, AppError>>,
}

impl VisitorActions {
    /// Creates the actions and the visitor resource; called once by the app shell.
    pub fn provide() {
        let register = ServerAction::<Register>::new();
        let forget = ServerAction::<ForgetMe>::new();
        let forget_all = ServerAction::<ForgetEverything>::new();
        let visitor = Resource::new(
            move || {
                (
                    register.version().get(),
                    forget.version().get(),
                    forget_all.version().get(),
                )
            },
            |_| current_visitor(),
        );
        provide_context(VisitorActions {
            register,
            forget,
            forget_all,
            visitor,
        });
    }
}

/// "Hello, NAME" and forget-me, or a link to register; shown on every page.
#[component]
pub fn VisitorGreeting() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    view! {
        <div class="greeting" id="greeting">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match actions.visitor.await {
                        Ok(Some(visitor)) => view! {
                            <span class="hello">"Hello, " <span class="visitor-name">{visitor.name}</span></span>
                            <ForgetMeButton/>
                        }.into_any(),
                        _ => view! { <A href="/register">"Register"</A> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// A POST form (never a GET link) that forgets the visitor.
#[component]
pub fn ForgetMeButton() -> impl IntoView {
    let forget = expect_context::<VisitorActions>().forget;
    view! {
        <ActionForm action=forget attr:class="forget">
            <button type="submit" class="secondary" disabled=move || forget.pending().get()>"Forget me"</button>
        </ActionForm>
    }
}

/// `/register`: the form, validated as you type and again by the server.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let register = actions.register;
    let submitted = use_context::<SubmittedRegistration>().unwrap_or_default();

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
        Some(Err(other)) => problem.set(Some(other.to_string())),
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
        client.or_else(|| server_errors.get().name)
    };
    let email_error = move || {
        let client = touched
            .get()
            .1
            .then(|| Email::parse(&email.get()).err())
            .flatten();
        client.or_else(|| server_errors.get().email)
    };
    let pending = register.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript the form goes through the server function; without, it posts to /register.
        ev.prevent_default();
        touched.set((true, true));
        register.dispatch(Register {
            name: name.get_untracked(),
            email: email.get_untracked(),
            remember: remember.get_untracked().then(|| "on".to_string()),
        });
    };

    view! {
        <Title text="Register · LocalLibrary"/>
        <h1>"Register"</h1>
        <p class="lead">"Tell us your name and email and we will remember you for this session."</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                actions.visitor.await.ok().flatten().map(|visitor| view! {
                    <p class="notice success" role="status">
                        "You are registered as " <strong>{visitor.name}</strong> " (" {visitor.email} "). "
                        "Registering again with the same email updates your name."
                    </p>
                })
            })}
        </Transition>
        {move || problem.get().map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
        <form method="post" action="/register" class="register" novalidate on:submit=on_submit>
            <div class="field">
                <label for="name">"Name"</label>
                // `value` renders the no-JS answer's input into the HTML; `prop:value` keeps it live.
                <input id="name" name="name" type="text" autocomplete="name"
                    value=submitted.name.clone()
                    prop:value=move || name.get()
                    aria-invalid=move || name_error().is_some().to_string()
                    aria-describedby="name-error"
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        server_errors.update(|e| e.name = None);
                    }
                    on:blur=move |_| touched.update(|t| t.0 = true)/>
                <p id="name-error" class="field-error">{name_error}</p>
            </div>
            <div class="field">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email"
                    value=submitted.email.clone()
                    prop:value=move || email.get()
                    aria-invalid=move || email_error().is_some().to_string()
                    aria-describedby="email-error"
                    on:input=move |ev| {
                        email.set(event_target_value(&ev));
                        server_errors.update(|e| e.email = None);
                        touched.update(|t| t.1 = true);
                    }
                    on:blur=move |_| touched.update(|t| t.1 = true)/>
                <p id="email-error" class="field-error">{email_error}</p>
            </div>
            <div class="field check">
                <input id="remember" name="remember" type="checkbox" value="on"
                    checked=submitted.remember
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))/>
                <label for="remember">"Remember me for two weeks"</label>
            </div>
            <button type="submit" disabled=move || pending.get()>
                {move || if pending.get() { "Registering…" } else { "Register" }}
            </button>
        </form>
    }
}

/// `/session`: what the server remembers about this browser.
#[component]
pub fn SessionPage() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    let info = Resource::new(
        move || {
            (
                actions.register.version().get(),
                actions.forget.version().get(),
                actions.forget_all.version().get(),
            )
        },
        |_| get_session_info(),
    );
    view! {
        <Title text="My session · LocalLibrary"/>
        <h1>"My session"</h1>
        <p class="lead">"This is everything the server remembers about this browser."</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move { crate::error_page::render_result(async move {
                info.await.map(|info| view! {
                    <dl class="facts" id="session-facts">
                        <dt>"Name"</dt>
                        <dd data-fact="name">{info.visitor.as_ref().map(|v| v.name.clone()).unwrap_or_else(|| "Not registered".into())}</dd>
                        <dt>"Email"</dt>
                        <dd data-fact="email">{info.visitor.as_ref().map(|v| v.email.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Home page visits"</dt>
                        <dd data-fact="visits">{info.home_visits}</dd>
                        <dt>"Ends when the browser closes"</dt>
                        <dd data-fact="browser-close">{if info.ends_at_browser_close { "Yes" } else { "No" }}</dd>
                        <dt>"Server forgets it at"</dt>
                        <dd data-fact="expires">{info.expires_at.unwrap_or_else(|| "not stored yet".into())}</dd>
                    </dl>
                    <div class="session-actions">
                        {info.visitor.is_some().then(|| view! { <ForgetMeButton/> })}
                        <ActionForm action=actions.forget_all attr:class="forget-all">
                            <button type="submit" class="danger" disabled=move || actions.forget_all.pending().get()>
                                "Forget everything"
                            </button>
                        </ActionForm>
                    </div>
                })
            }.await) })}
        </Suspense>
    }
}

/// Server-only registration logic, shared by the server function and the no-JS form handler.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{validation::validate, Visitor};
    use crate::{db::Pool, error::AppError, session::VisitorSession};

    /// Now as `YYYY-MM-DDTHH:MM:SSZ`, the format of the profile timestamps.
    fn now_utc_text() -> String {
        let now = time::OffsetDateTime::now_utc();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        )
    }

    /// Validates, upserts the profile, and signs the session in under a new id.
    pub async fn register(
        pool: &Pool,
        session: &VisitorSession,
        name: &str,
        email: &str,
        remember: bool,
    ) -> Result<Visitor, AppError> {
        let (name, email) = validate(name, email).map_err(AppError::Invalid)?;
        let profile_id: i64 = sqlx::query_scalar(
            "INSERT INTO user_profiles (email, name) VALUES ($1, $2) \
             ON CONFLICT (email) DO UPDATE SET name = excluded.name, updated_at = $3 \
             RETURNING id",
        )
        .bind(email.as_str())
        .bind(name.as_str())
        .bind(now_utc_text())
        .fetch_one(pool)
        .await?;
        let visitor = Visitor {
            profile_id,
            name: name.as_str().to_string(),
            email: email.as_str().to_string(),
        };
        session.sign_in(&visitor, remember).await?;
        Ok(visitor)
    }
}
