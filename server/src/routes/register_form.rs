//! The registration form posted without JavaScript: the same logic as the server function, but
//! answered with a page: a redirect on success, the form with its messages (422) otherwise.
use crate::{middleware::security_headers::CspNonce, state::AppState};
use app::{
    error::AppError,
    server::cookies::{read_test_cookie, test_cookie_header},
    server::session::VisitorSession,
    shell,
    visitor::api::ssr::register,
    visitor::register_page::SubmittedRegistration,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use leptos::prelude::provide_context;
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
    State(state): State<AppState>,
    nonce: Option<Extension<CspNonce>>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<RegisterForm>,
) -> Response {
    let remember = form.remember.is_some();
    let test_cookie = read_test_cookie(&headers, &state.app.test_cookies);
    // The session takes over what the test cookie held (a counted visit, choices).
    let cookie_taken_over = test_cookie
        .as_ref()
        .is_some_and(|cookie| cookie.counts_visits() || cookie.has_choices());
    let outcome = match VisitorSession::new(session.clone()).await {
        Ok(visitor) => {
            let visitor = visitor.with_test_cookie(test_cookie, state.app.clone());
            register(state.pool(), &visitor, &form.name, &form.email, remember).await
        }
        Err(error) => Err(error),
    };
    let (errors, problem) = match outcome {
        // 303: the browser follows with a GET, so a reload never re-posts the form.
        Ok(_) => {
            let mut response = Redirect::to("/register").into_response();
            // The session now holds what the test cookie held (as the home page does); no Leptos
            // response here to set the fresh one on, so it is set on the redirect.
            if cookie_taken_over {
                let fresh = state.app.test_cookies.fresh();
                let cookie = test_cookie_header(&state.app.test_cookies, &fresh);
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            return response;
        }
        Err(AppError::Invalid(errors)) => (errors, None),
        Err(other) => (Default::default(), Some(other)),
    };
    let status = problem
        .as_ref()
        .map_or(StatusCode::UNPROCESSABLE_ENTITY, AppError::status);
    let submitted = SubmittedRegistration {
        name: form.name,
        email: form.email,
        remember,
        errors,
        problem: problem.map(|p| p.msg()),
    };
    let mut response = render_register_page(state, nonce, session, submitted).await;
    *response.status_mut() = status;
    response
}

/// Renders `/register` with the submitted values and messages.
async fn render_register_page(
    state: AppState,
    nonce: Option<Extension<CspNonce>>,
    session: Session,
    submitted: SubmittedRegistration,
) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            state.provide_leptos_context();
            provide_context(submitted.clone());
        },
        move || shell(options.clone()),
    );
    let mut request = Request::get("/register")
        .body(Body::empty())
        .expect("static request is valid");
    // Server functions called while rendering (the greeting) read the session from here, and
    // the page's inline scripts need the nonce the response's CSP names.
    request.extensions_mut().insert(session);
    if let Some(Extension(nonce)) = nonce {
        request.extensions_mut().insert(nonce);
    }
    handler(request).await
}
