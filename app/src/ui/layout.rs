//! The frame around every page: the navigation sidebar.
use leptos::prelude::*;
use leptos_router::components::A;

/// The navigation sidebar.
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Site">
            <a class="brand" href="/">"LocalLibrary"</a>
            <ul>
                <li><A href="/" exact=true>"Home"</A></li>
                <li><A href="/catalog/books">"All books"</A></li>
                <li><A href="/catalog/authors">"All authors"</A></li>
                <li><A href="/catalog/genres">"All genres"</A></li>
                <li><A href="/catalog/languages">"All languages"</A></li>
                <li><A href="/catalog/bookinstances">"All copies"</A></li>
            </ul>
            <ul class="secondary-nav">
                <li><A href="/register">"Register"</A></li>
                <li><A href="/session">"My session"</A></li>
            </ul>
        </nav>
    }
}
