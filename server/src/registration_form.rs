//! The registration form posted without JavaScript: the same logic as the server function, but
//! answered with a page: a redirect on success, the form with its messages (422) otherwise.
use app::{
    db::Pool,
    error::AppError,
    registration::{ssr::register, SubmittedRegistration},
    session::VisitorSession,
    shell,
};
use axum::{
    body::Body,
    extract::Request,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use leptos::{config::LeptosOptions, prelude::provide_context};
use serde::Deserialize;
use tower_sessions::Session;

/// The fields of the registration form.
#[derive(Debug, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    remember: Option<String>,
}

/// `POST /register`.
pub async fn post_register(
    pool: Pool,
    options: LeptosOptions,
    session: Session,
    Form(form): Form<RegisterForm>,
) -> Response {
    let visitor_session = VisitorSession::new(session.clone());
    let remember = form.remember.is_some();
    let outcome = register(&pool, &visitor_session, &form.name, &form.email, remember).await;
    let (errors, problem) = match outcome {
        // 303: the browser follows with a GET, so a reload never re-posts the form.
        Ok(_) => return Redirect::to("/register").into_response(),
        Err(AppError::Invalid(errors)) => (errors, None),
        Err(other) => (Default::default(), Some(other.to_string())),
    };
    let status = problem
        .as_ref()
        .map(|_| StatusCode::SERVICE_UNAVAILABLE)
        .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let submitted = SubmittedRegistration {
        name: form.name,
        email: form.email,
        remember,
        errors,
        problem,
    };
    let mut response = render_register_page(pool, options, session, submitted).await;
    *response.status_mut() = status;
    response
}

/// Renders `/register` with the submitted values and messages.
async fn render_register_page(
    pool: Pool,
    options: LeptosOptions,
    session: Session,
    submitted: SubmittedRegistration,
) -> Response {
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(pool.clone());
            provide_context(submitted.clone());
        },
        move || shell(options.clone()),
    );
    let mut request = Request::get("/register")
        .body(Body::empty())
        .expect("static request is valid");
    // Server functions called while rendering (the greeting) read the session from here.
    request.extensions_mut().insert(session);
    handler(request).await
}
