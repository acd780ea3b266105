//! The home page: a welcome, the catalog's record counts and the visit counter.
use crate::{catalog::counts::CountsList, i18n::t, visits::counter::VisitCounter};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/` and `/catalog`.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        // The home page's title is its heading alone, without the site's name after it.
        <Title text=t("home-title")/>
        <h1>{t("home-title")}</h1>
        <p class="lead">
            {t("home-welcome-before")} " "
            <em>{t("home-welcome-readers")}</em>
            " " {t("home-welcome-after")}
        </p>
        <h2>{t("home-dynamic-content")}</h2>
        <p>{t("home-counts-intro")}</p>
        <CountsList/>
        <VisitCounter/>
    }
}
