//! The router, built once: the Leptos pages and server functions, the no-JS registration
//! post, the reset-link exchange, and static files from the site root.
mod register_form;
mod reset_link;

use crate::state::AppState;
use app::{shell, App};
use axum::{
    routing::{get, post},
    Router,
};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;

/// Every route of the site, with `state` applied.
pub fn router(state: AppState) -> Router {
    let context = {
        let state = state.clone();
        move || state.provide_leptos_context()
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/register", post(register_form::post_register))
        .route("/accounts/reset/{token}", get(reset_link::open_reset_link))
        .leptos_routes_with_context(&state, route_list(), context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state)
}

/// Every route template the router answers (pages, server functions and the plain routes
/// above), for metric labels and access lines.
pub fn templates() -> Vec<String> {
    let pages = route_list()
        .into_iter()
        .map(|route| route.path().to_string());
    let server_fns = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string());
    let plain = [
        "/register",
        "/accounts/reset/{token}",
        "/healthz",
        "/readyz",
    ]
    .into_iter()
    .map(String::from);
    pages.chain(server_fns).chain(plain).collect()
}

/// The app's routes, generated once per process.
///
/// While Leptos generates a route list it stops resources loading in the whole process (a global
/// flag), so a second server started next to a serving one (as tests do) would leave that one's
/// pages waiting forever.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
