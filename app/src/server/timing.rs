//! `Server-Timing` on the response being made: how long a named piece of work took, for the
//! browser's developer tools, operators and `bench/catalog.sh`.
use axum::http::{HeaderName, HeaderValue};
use leptos::prelude::use_context;
use std::time::Duration;

/// Adds `name;dur=<milliseconds>` to the response's `Server-Timing`.
pub fn report(name: &str, took: Duration) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let line = format!("{name};dur={:.3}", took.as_secs_f64() * 1000.0);
    if let Ok(value) = HeaderValue::from_str(&line) {
        response.append_header(HeaderName::from_static("server-timing"), value);
    }
}
