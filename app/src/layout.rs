//! The HTML document, the site shell and the routes.
use crate::{
    error_page::{ErrorPage, NotFoundPage},
    pages::home::HomePage,
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
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors/> }>
                        <Routes fallback=|| view! { <NotFoundPage/> }>
                            // Async SSR: the page (and its session write) is complete before the
                            // response headers, so Set-Cookie is never lost to streaming.
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog") view=HomePage ssr=SsrMode::Async/>
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
            </ul>
        </nav>
    }
}
