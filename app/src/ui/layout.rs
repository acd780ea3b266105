//! The frame around every page: the navigation sidebar.
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The navigation sidebar; `children` are the visitor's own items, first in the second list
/// (the registration link, which depends on whether someone is logged in).
#[component]
pub fn Sidebar(children: Children) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=t("nav-label")>
            <a class="brand" href="/">{t("site-name")}</a>
            <ul>
                <li>{nav_link("/", "nav-home")}</li>
                <li>{nav_link("/catalog/books", "nav-books")}</li>
                <li>{nav_link("/catalog/authors", "nav-authors")}</li>
                <li>{nav_link("/catalog/genres", "nav-genres")}</li>
                <li>{nav_link("/catalog/languages", "nav-languages")}</li>
                <li>{nav_link("/catalog/bookinstances", "nav-copies")}</li>
            </ul>
            <ul class="secondary-nav">
                {children()}
                <li>{nav_link("/session", "nav-session")}</li>
            </ul>
        </nav>
    }
}

/// A sidebar link, `aria-current="page"` while the page it opens (or one under it) is shown.
///
/// A plain `<a>`: the router handles its clicks all the same, without the owner, memos and
/// href resolution that `leptos_router`'s `<A>` builds for each link on every render.
pub fn nav_link(href: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || {
        location
            .pathname
            .with(|path| is_current(path, href))
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{t(label)}</a> }
}

/// Whether `href` is the page at `path` or a section `path` is in (`/` only for itself).
fn is_current(path: &str, href: &str) -> bool {
    path == href
        || (href != "/"
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn a_link_is_current_on_its_page_and_below_it_but_home_only_on_itself() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/catalog/books", "/"));
        assert!(is_current("/catalog/books", "/catalog/books"));
        assert!(is_current("/catalog/books/x", "/catalog/books"));
        assert!(!is_current("/catalog/book/1", "/catalog/books"));
        assert!(!is_current("/catalog/booksellers", "/catalog/books"));
    }
}
