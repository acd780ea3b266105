//! The page shown when something fails; also sets the HTTP status during SSR.
use crate::error::AppError;
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
    view! { <ErrorMessage error=AppError::NotFound("There is no page at this address.".into())/> }
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

/// The message itself, with the HTTP status set for SSR. Plain values, no signals: it may be
/// rendered after the component that caught the error has gone.
#[component]
fn ErrorMessage(error: AppError) -> impl IntoView {
    error.set_response_status();
    let title = error.title();
    view! {
        <Title text=title/>
        <section class="error-page" role="alert">
            <h1>{title}</h1>
            <p>{error.to_string()}</p>
            <p><a href="/">"Back to the home page"</a></p>
        </section>
    }
}
