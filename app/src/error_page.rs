//! The page shown when something fails; also sets the HTTP status during SSR.
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// Renders the first error caught by an `ErrorBoundary` as a friendly page.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let first = move || {
        errors
            .get()
            .into_iter()
            .next()
            .map(|(_, err)| err.downcast_ref::<AppError>().cloned().unwrap_or(AppError::Internal))
            .unwrap_or(AppError::Internal)
    };
    set_status(first().status_code());
    view! { <ErrorMessage error=Signal::derive(first)/> }
}

/// A "not found" page for URLs no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let error = AppError::NotFound("There is no page at this address.".into());
    set_status(error.status_code());
    view! { <ErrorMessage error=Signal::stored(error)/> }
}

#[component]
fn ErrorMessage(#[prop(into)] error: Signal<AppError>) -> impl IntoView {
    view! {
        <Title text=move || error.get().title()/>
        <section class="error-page" role="alert">
            <h1>{move || error.get().title()}</h1>
            <p>{move || error.get().to_string()}</p>
            <p><a href="/">"Back to the home page"</a></p>
        </section>
    }
}

/// During SSR, answers the request with this status.
fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = axum::http::StatusCode::from_u16(_code)
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        response.set_status(status);
    }
}
