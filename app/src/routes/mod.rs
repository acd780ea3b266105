//! Every address the site answers, and the page each one shows. Home ships in the main WASM
//! chunk (most first visits start there); every other page lives in its group's chunk ([`lazy`]).
pub mod lazy;

use crate::{home::HomePage, ui::error_page::NotFoundPage};
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
            <Route path=path!("/catalog/search") view={Lazy::<Search>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/books") view={Lazy::<BookList>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/create") view={Lazy::<BookEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id") view={Lazy::<BookDetail>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/update") view={Lazy::<BookEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/delete") view={Lazy::<BookDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/authors") view={Lazy::<AuthorList>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/create") view={Lazy::<AuthorEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id") view={Lazy::<AuthorDetail>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id/update") view={Lazy::<AuthorEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/author/:id/delete") view={Lazy::<AuthorDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genres") view={Lazy::<GenreList>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/create") view={Lazy::<GenreEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id") view={Lazy::<GenreDetail>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id/update") view={Lazy::<GenreEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/genre/:id/delete") view={Lazy::<GenreDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/languages") view={Lazy::<LanguageList>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/create") view={Lazy::<LanguageEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id") view={Lazy::<LanguageDetail>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id/update") view={Lazy::<LanguageEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/language/:id/delete") view={Lazy::<LanguageDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstances") view={Lazy::<CopyList>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstance/:id") view={Lazy::<CopyDetail>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstance/:id/update") view={Lazy::<CopyEdit>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/bookinstance/:id/delete") view={Lazy::<CopyDelete>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/copy/create") view={Lazy::<CopyCreate>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/mybooks") view={Lazy::<MyBooks>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/borrowed") view={Lazy::<Borrowed>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/book/:id/renew") view={Lazy::<Renew>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/changes") view={Lazy::<Changes>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/catalog/holds") view={Lazy::<Holds>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/register") view={Lazy::<Register>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/session") view={Lazy::<Session>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/login") view={Lazy::<Login>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/logout") view={Lazy::<Logout>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/password_change") view={Lazy::<PasswordChange>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/password_reset") view={Lazy::<PasswordReset>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/reset/set-password") view={Lazy::<PasswordResetConfirm>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/sessions") view={Lazy::<Devices>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/members") view={Lazy::<Members>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/members/create") view={Lazy::<MemberAdd>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/accounts/members/:username") view={Lazy::<MemberDetail>::new()} ssr=SsrMode::Async/>
        </Routes>
    }
}

/// Fetches a lazy page's chunk as soon as the pointer rests on a link to it or the link takes
/// the keyboard focus: by the click, the chunk is usually there. Browser only.
pub fn preload_on_approach() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::{ev, wasm_bindgen::JsCast, web_sys::Element};
        fn link_path(target: Option<leptos::web_sys::EventTarget>) -> Option<String> {
            let element = target?.dyn_into::<Element>().ok()?;
            let link = element.closest("a[href]").ok()??;
            let href = link.get_attribute("href")?;
            // Only this site's own addresses; `//host/…` is another site.
            (href.starts_with('/') && !href.starts_with("//")).then_some(href)
        }
        let _ = window_event_listener(ev::pointerover, |event| {
            if let Some(path) = link_path(event.target()) {
                lazy::preload_for(&path);
            }
        });
        let _ = window_event_listener(ev::focusin, |event| {
            if let Some(path) = link_path(event.target()) {
                lazy::preload_for(&path);
            }
        });
    }
}
