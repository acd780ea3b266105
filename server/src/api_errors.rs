//! Gives server-function errors their real HTTP status.
//!
//! Leptos answers every failed server function with 500; the body is our [`AppError`], which
//! knows its status (400 for bad input, 404, 503…). This layer is the one place that maps it, so
//! a user's mistake is never reported as a server fault.
use app::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Serialised errors are small; anything bigger is left untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Axum middleware: rewrites the status of server-function error responses.
pub async fn map_server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
