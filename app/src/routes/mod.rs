//! Every address the site answers, and the page each one shows. Pages in [`lazy`] live in
//! their own WASM chunks; the rest ship in the main one, since most first visits need them.
pub mod lazy;

use crate::{
    catalog::{
        authors::{AuthorDetailPage, AuthorListPage},
        books::pages::{BookDetailPage, BookListPage},
        classes::{GenreDetailPage, GenreListPage, LanguageDetailPage, LanguageListPage},
        copies::{CopyDetailPage, CopyListPage},
    },
    editing::pages::{AddLink, EditLinks},
    home::HomePage,
    loans::copy_controls::LoanControls,
    ui::error_page::NotFoundPage,
};
use lazy::*;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path, Lazy, SsrMode,
};

/// The routes, inside the app's `<Router>`.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFoundPage/> }>
            // Async SSR: the page (and its session write) is complete before the
            // response headers, so Set-Cookie is never lost to streaming.
            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
            <Route path=path!("/catalog") view=HomePage ssr=SsrMode::Async/>
            // Async SSR also lets a missing record answer with a real 404 status.
            <Route path=path!("/catalog/books") view=|| view! { <BookListPage/> <AddLink kind="book"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/create") view={Lazy::<BookEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id") view=|| view! { <BookDetailPage/> <EditLinks kind="book"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/update") view={Lazy::<BookEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/delete") view={Lazy::<BookDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/authors") view=|| view! { <AuthorListPage/> <AddLink kind="author"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/create") view={Lazy::<AuthorEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id") view=|| view! { <AuthorDetailPage/> <EditLinks kind="author"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id/update") view={Lazy::<AuthorEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id/delete") view={Lazy::<AuthorDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genres") view=|| view! { <GenreListPage/> <AddLink kind="genre"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/create") view={Lazy::<GenreEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id") view=|| view! { <GenreDetailPage/> <EditLinks kind="genre"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id/update") view={Lazy::<GenreEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id/delete") view={Lazy::<GenreDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/languages") view=|| view! { <LanguageListPage/> <AddLink kind="language"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/create") view={Lazy::<LanguageEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id") view=|| view! { <LanguageDetailPage/> <EditLinks kind="language"/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id/update") view={Lazy::<LanguageEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id/delete") view={Lazy::<LanguageDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstances") view=CopyListPage ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstance/:id") view=|| view! { <CopyDetailPage/> <LoanControls/> } ssr=SsrMode::Async/>
            <Route path=path!("/catalog/mybooks") view={Lazy::<MyBooks>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/borrowed") view={Lazy::<Borrowed>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/renew") view={Lazy::<Renew>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/changes") view={Lazy::<Changes>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/register") view={Lazy::<Register>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/session") view={Lazy::<Session>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/login") view={Lazy::<Login>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/logout") view={Lazy::<Logout>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/password_change") view={Lazy::<PasswordChange>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/password_reset") view={Lazy::<PasswordReset>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/reset/set-password") view={Lazy::<PasswordResetConfirm>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/sessions") view={Lazy::<Devices>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/members") view={Lazy::<Members>::new()} ssr=SsrMode::Async/>
        </Routes>
    }
}
