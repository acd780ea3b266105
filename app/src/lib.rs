//! LocalLibrary: pages, components and server functions shared by the server (`ssr`) and the
//! browser (`hydrate`). Layers, top to bottom (a module imports only from layers below it):
//! this file (the document and routes) → `home`, `catalog`, `visitor`, `visits`, `accounts`
//! (features) →
//! `ui` (shared view pieces) → `server` (ssr only: session, SQL, request context) → `error` →
//! `i18n` (the message catalogues).
#![forbid(unsafe_code)]

pub mod accounts;
pub mod catalog;
pub mod editing;
pub mod error;
pub mod home;
pub mod i18n;
pub mod loans;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;
pub mod visitor;
pub mod visits;

use accounts::{
    devices_page::DevicesPage,
    login_page::LoginPage,
    logout_page::LogoutPage,
    members_page::MembersPage,
    menu::AccountMenu,
    password_pages::{PasswordChangePage, PasswordResetConfirmPage, PasswordResetPage},
    AccountActions,
};
use catalog::{
    authors::{AuthorDetailPage, AuthorListPage},
    books::pages::{BookDetailPage, BookListPage},
    classes::{GenreDetailPage, GenreListPage, LanguageDetailPage, LanguageListPage},
    copies::{CopyDetailPage, CopyListPage},
};
use editing::{
    book_page::BookEditPage,
    pages::{AddLink, AuthorEditPage, DeletePage, EditLinks, NamedEditPage},
};
use home::HomePage;
use i18n::{provide_lang, t, Lang};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use loans::{
    copy_controls::LoanControls,
    list_pages::{BorrowedPage, ChangesPage, MyBooksPage},
    renew_page::RenewPage,
    LoanActions,
};
use ui::{
    error_page::{ErrorPage, NotFoundPage},
    hydration::HydrateWhenIdle,
    language_switch::LanguageSwitch,
    layout::Sidebar,
    page_size::PageSizeAction,
};
use visitor::{
    greeting::VisitorGreeting, register_page::RegisterPage, session_page::SessionPage,
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
    // One shared action, so every list refetches when the page size changes.
    provide_context(PageSizeAction::new());
    // The visitor's actions follow the account's (a logout forgets the visitor too).
    AccountActions::provide();
    VisitorActions::provide();
    LoanActions::provide();
    // Tests (and curious humans) can wait for this attribute to know the page is interactive.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Link rel="icon" href="/favicon.ico"/>
        <Title text=t("site-name")/>
        <Router>
            <div class="site">
                <Sidebar/>
                <main class="content" id="main">
                    <header class="topbar">
                        <VisitorGreeting/>
                        <AccountMenu/>
                        <LanguageSwitch/>
                    </header>
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors/> }>
                        <Routes fallback=|| view! { <NotFoundPage/> }>
                            // Async SSR: the page (and its session write) is complete before the
                            // response headers, so Set-Cookie is never lost to streaming.
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog") view=HomePage ssr=SsrMode::Async/>
                            // Async SSR also lets a missing record answer with a real 404 status.
                            <Route path=path!("/catalog/books") view=|| view! { <BookListPage/> <AddLink kind="book"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/create") view=BookEditPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/:id") view=|| view! { <BookDetailPage/> <EditLinks kind="book"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/:id/update") view=BookEditPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/:id/delete") view=|| view! { <DeletePage kind="book"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/authors") view=|| view! { <AuthorListPage/> <AddLink kind="author"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/author/create") view=AuthorEditPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/author/:id") view=|| view! { <AuthorDetailPage/> <EditLinks kind="author"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/author/:id/update") view=AuthorEditPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/author/:id/delete") view=|| view! { <DeletePage kind="author"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genres") view=|| view! { <GenreListPage/> <AddLink kind="genre"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genre/create") view=|| view! { <NamedEditPage kind="genre"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genre/:id") view=|| view! { <GenreDetailPage/> <EditLinks kind="genre"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genre/:id/update") view=|| view! { <NamedEditPage kind="genre"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/genre/:id/delete") view=|| view! { <DeletePage kind="genre"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/languages") view=|| view! { <LanguageListPage/> <AddLink kind="language"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/language/create") view=|| view! { <NamedEditPage kind="language"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/language/:id") view=|| view! { <LanguageDetailPage/> <EditLinks kind="language"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/language/:id/update") view=|| view! { <NamedEditPage kind="language"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/language/:id/delete") view=|| view! { <DeletePage kind="language"/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/bookinstances") view=CopyListPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/bookinstance/:id") view=|| view! { <CopyDetailPage/> <LoanControls/> } ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/mybooks") view=MyBooksPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/borrowed") view=BorrowedPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/book/:id/renew") view=RenewPage ssr=SsrMode::Async/>
                            <Route path=path!("/catalog/changes") view=ChangesPage ssr=SsrMode::Async/>
                            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                            <Route path=path!("/session") view=SessionPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/login") view=LoginPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/logout") view=LogoutPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/password_change") view=PasswordChangePage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/password_reset") view=PasswordResetPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/reset/set-password") view=PasswordResetConfirmPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/sessions") view=DevicesPage ssr=SsrMode::Async/>
                            <Route path=path!("/accounts/members") view=MembersPage ssr=SsrMode::Async/>
                        </Routes>
                    </ErrorBoundary>
                </main>
            </div>
        </Router>
    }
}
