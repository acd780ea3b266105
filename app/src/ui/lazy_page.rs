//! Pages most visitors never open, compiled into WASM chunks (`--split`) that the browser
//! fetches when it first goes to one of their pages; see [`lazy_page!`](crate::lazy_page).
//!
//! Leptos' `#[lazy_route]` panics when a chunk fails to load (a redeploy removed it, the network
//! dropped), and a panic aborts the whole WASM module: the page would be dead. The routes here
//! ask for the chunk with `wasm_split`'s `fallible` option instead and, on a failure, load the
//! same address in full, which the server renders as it always does.
use leptos::prelude::*;

/// Declares a lazy route: a type for `<Route view=Lazy::<Type>::new()>` whose page lives in the
/// WASM chunk named `chunk`.
///
/// `view` and `preload` name the functions the macro generates (they must be unique in the
/// module: `wasm_split` derives link names from them). Pages sharing a `chunk` ship together.
#[macro_export]
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident in $chunk:ident, view $view_fn:ident, preload $preload_fn:ident => $view:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $route {
            /// Where the visitor was going, loaded in full if the chunk cannot be.
            reload_to: String,
        }

        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[doc(hidden)] $preload_fn)
        )]
        fn $view_fn() -> ::std::result::Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            ::std::result::Result::Ok(::leptos::prelude::IntoAny::into_any($view))
        }

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                // Synchronous and inside the route's owner, where the server's context is.
                #[cfg(feature = "ssr")]
                $crate::ui::lazy_page::name_chunk(stringify!($chunk));
                Self { reload_to: $crate::ui::lazy_page::address_being_opened() }
            }

            async fn view(this: Self) -> ::leptos::prelude::AnyView {
                match $view_fn().await {
                    ::std::result::Result::Ok(view) => $crate::ui::lazy_page::marked_live(view),
                    ::std::result::Result::Err(_) => $crate::ui::lazy_page::load_in_full(&this.reload_to),
                }
            }

            async fn preload() {
                // A failure here is not the last word: `view` asks again and handles it.
                let _ = $preload_fn().await;
            }
        }
    };
}

/// The address the router is opening (its URL signal moves before the address bar does).
pub fn address_being_opened() -> String {
    #[cfg(feature = "hydrate")]
    {
        use leptos_router::hooks::use_location;
        let location = use_location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// `view`, with `data-page-hydrated` set on `<html>` once it is live. `data-hydrated` (set by
/// `App`) comes first: a lazy page hydrates a moment later, when its chunk's code has run, and
/// whatever is typed or clicked in between meets the server's plain HTML. Tests wait for both.
pub fn marked_live(view: AnyView) -> AnyView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-page-hydrated", "true");
        }
    });
    view
}

/// Called when a page's chunk cannot be loaded: loads `address` as a new document, unless the
/// page is still being hydrated from the server's HTML (a full load just happened; loading it
/// again could loop, and the server's page works without the WASM anyway).
pub fn load_in_full(address: &str) -> AnyView {
    #[cfg(feature = "hydrate")]
    {
        let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
        leptos::logging::warn!("could not load the code of {address}: loading it in full");
        if !hydrating && !address.is_empty() {
            let _ = window().location().assign(address);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = address;
    view! { <p class="loading" aria-busy="true">"…"</p> }.into_any()
}

/// Remembers that the page being rendered on the server needs `chunk`, so its `<head>` names the
/// chunk's files for the browser to fetch early.
#[cfg(feature = "ssr")]
pub fn name_chunk(chunk: &'static str) {
    if let Ok(context) = crate::server::context::AppContext::current() {
        context.chunks.preload(chunk);
    }
}
