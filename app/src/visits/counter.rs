//! The visit sentence on the home page, and the cookie notice that replaces it when needed.
use super::api::{cookie_check, record_visit, visit_sentence, VisitReport};
use crate::{
    i18n::{t, tm},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*};

/// The visit sentence for the current page view.
#[component]
pub fn VisitCounter() -> impl IntoView {
    let visits = Resource::new(|| (), |_| record_visit());
    // Django's test-cookie idea without a reload: after a first visit (no cookie came with it),
    // ask the server once whether the cookie it just set comes back.
    let refused = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(report)) = visits.get() {
            if !report.had_cookie && !report.cookies_refused {
                leptos::task::spawn_local(async move {
                    if let Ok(false) = cookie_check().await {
                        refused.set(true);
                    }
                });
            }
        }
    });
    let ready = move |report: VisitReport| {
        view! {
            {move || if report.cookies_refused || refused.get() {
                Either::Left(view! { <p class="visits notice problem" id="visits" role="status">{t("visits-cookies-refused")}</p> })
            } else {
                Either::Right(view! { <p class="visits" id="visits">{tm(visit_sentence(report.visits))}</p> })
            }}
        }
    };
    view! {
        <AsyncView resource=visits loading="visits-loading" class="visits" ready/>
    }
}
