//! The home page's visit counter, kept in the visitor's server-side session.
use crate::error::AppError;
use leptos::{prelude::*, server};

/// The sentence shown under the counts, with English pluralisation.
pub fn visit_sentence(visits: u64) -> String {
    let unit = if visits == 1 { "time" } else { "times" };
    format!("You have visited this page {visits} {unit}.")
}

/// Counts one visit to the home page in the session and returns the new total.
///
/// Called once per SSR render of the home page (its result travels to the browser with the
/// page, so hydration does not call it again) and once per client-side navigation to it.
#[server(endpoint = "visits/record")]
pub async fn record_visit() -> Result<u64, AppError> {
    crate::session::VisitorSession::current()
        .await?
        .record_home_visit()
        .await
}

/// The visit sentence for the current page view.
#[component]
pub fn VisitCounter() -> impl IntoView {
    let visits = Resource::new(|| (), |_| record_visit());
    view! {
        <Suspense fallback=|| view! { <p class="visits">"Counting your visits…"</p> }>
            {move || Suspend::new(async move { crate::error_page::render_result(async move {
                visits.await.map(|n| view! { <p class="visits" id="visits">{visit_sentence(n)}</p> })
            }.await) })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::visit_sentence;

    #[test]
    fn one_visit_is_singular() {
        assert_eq!(visit_sentence(1), "You have visited this page 1 time.");
    }

    #[test]
    fn other_counts_are_plural() {
        assert_eq!(visit_sentence(0), "You have visited this page 0 times.");
        assert_eq!(visit_sentence(2), "You have visited this page 2 times.");
        assert_eq!(visit_sentence(21), "You have visited this page 21 times.");
    }
}
