//! LocalLibrary: pages, components and server functions shared by the server (`ssr`) and the
//! browser (`hydrate`). Layers, top to bottom (a module imports only from layers below it):
//! this file (the document and routes) → `home`, `catalog`, `search`, `visitor`, `visits`,
//! `accounts`, `loans`, `editing`, `members`, `holds` (features) → `ui` (shared view pieces) →
//! `server` (ssr only: session, SQL, request context) → `error` → `i18n` (the message
//! catalogues).
#![forbid(unsafe_code)]

pub mod accounts;
pub mod catalog;
pub mod editing;
pub mod error;
pub mod holds;
pub mod home;
pub mod i18n;
pub mod loans;
pub mod members;
pub mod routes;
pub mod search;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;
pub mod visitor;
pub mod visits;

use accounts::{menu::AccountMenu, AccountActions};
use i18n::{provide_lang, t, Lang};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::components::Router;
use routes::AppRoutes;
use search::header_box::HeaderSearch;
use ui::{
    error_page::ErrorPage, hydration::HydrateWhenIdle, language_switch::LanguageSwitch,
    layout::Sidebar,
};
use visitor::{
    greeting::{RegisterNavItem, VisitorGreeting},
    VisitorActions,
};

/// The whole HTML document rendered by the server around [`App`], in the request's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content=i18n::text(lang, "site-description")/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrateWhenIdle options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language the page starts in: the server's choice for this request (see
/// `server::language`), which the browser reads back from `<html lang>` when it hydrates.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        server::language::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

/// The application: site shell plus routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang(request_lang());
    // The visitor's actions follow the account's (a logout forgets the visitor too).
    AccountActions::provide();
    VisitorActions::provide();
    // Tests (and curious humans) can wait for this attribute to know the page is interactive.
    Effect::new(|_| {
        routes::preload_on_approach();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Link rel="icon" href="/favicon.ico"/>
        <Title text=t("site-name")/>
        <Router>
            <div class="site">
                <Sidebar><RegisterNavItem/></Sidebar>
                <main class="content" id="main">
                    <header class="topbar">
                        <HeaderSearch/>
                        <VisitorGreeting/>
                        <AccountMenu/>
                        <LanguageSwitch/>
                    </header>
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors/> }>
                        <AppRoutes/>
                    </ErrorBoundary>
                </main>
            </div>
        </Router>
    }
}
