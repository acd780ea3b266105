//! The frame around every page: the navigation sidebar.
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// The navigation sidebar.
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=t("nav-label")>
            <a class="brand" href="/">{t("site-name")}</a>
            <ul>
                <li><A href="/" exact=true>{t("nav-home")}</A></li>
                <li><A href="/catalog/books">{t("nav-books")}</A></li>
                <li><A href="/catalog/authors">{t("nav-authors")}</A></li>
                <li><A href="/catalog/genres">{t("nav-genres")}</A></li>
                <li><A href="/catalog/languages">{t("nav-languages")}</A></li>
                <li><A href="/catalog/bookinstances">{t("nav-copies")}</A></li>
            </ul>
            <ul class="secondary-nav">
                <li><A href="/register">{t("nav-register")}</A></li>
                <li><A href="/session">{t("nav-session")}</A></li>
            </ul>
        </nav>
    }
}
