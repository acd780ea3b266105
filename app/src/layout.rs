//! The HTML document, the site shell and the routes.
use crate::{
    catalog::{
        authors::{AuthorDetailPage, AuthorListPage},
        books::{BookDetailPage, BookListPage},
        classification::{GenreDetailPage, GenreListPage, LanguageDetailPage, LanguageListPage},
        copies::{CopyDetailPage, CopyListPage},
        prefs::PageSizeAction,
    },
    error_page::{ErrorPage, NotFoundPage},
    home::HomePage,
    registration::{RegisterPage, SessionPage, VisitorActions, VisitorGreeting},
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

/// The whole HTML document rendered by the server around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content="LocalLibrary: browse the catalog of a small local library."/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: site shell plus routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // One shared action, so every list refetches when the page size changes.
    provide_context(PageSizeAction::new());
    VisitorActions::provide();
    // Tests (and curious humans) can wait for this attribute to know the page is interactive.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/locallibrary.css"/>
        <Link rel="icon" href="/favicon.ico"/>
        <Title text="LocalLibrary"/>
        <Router>
            <div class="site">
                <Sidebar/>
                <main class="content" id="main">
                    <header class="topbar">
                        <VisitorGreeting/>
                    </header>
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors/> }>
                        <Routes fallback=|| view! { <NotFoundPage/> }>
                            // Async SSR: the page (and its session write) is complete before the
                            // response headers, so Set-Cookie is never lost to streaming.
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog") view=HomePage ssr=SsrMode::Async/>
                            // Async SSR also lets a missing record answer with a real 404 status.
                            <Route path=path!("/catalog/books") view=BookListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/:id") view=BookDetailPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/authors") view=AuthorListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/author/:id") view=AuthorDetailPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genres") view=GenreListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genre/:id") view=GenreDetailPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/languages") view=LanguageListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/language/:id") view=LanguageDetailPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/bookinstances") view=CopyListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/bookinstance/:id") view=CopyDetailPage ssr=SsrMode::Async/>
                            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                            <Route path=path!("/session") view=SessionPage ssr=SsrMode::Async/>
                        </Routes>
                    </ErrorBoundary>
                </main>
            </div>
        </Router>
    }
}

/// The navigation sidebar.
#[component]
fn Sidebar() -> impl IntoView {
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
