//! A POST form for a server function whose arguments are known when the form is drawn (log
//! out, forget me, a language): what `ActionForm` does, without decoding the form's fields.
//!
//! `ActionForm` reads its fields back with `serde_qs` on every submit. The header's forms are on
//! every page, so that decoder was in the first load for three buttons whose arguments never
//! come from what the visitor types (17 KB of code before `wasm-opt`).
use leptos::{prelude::*, server_fn::ServerFn};

/// Posts to `S`'s endpoint without JavaScript; with it, dispatches `input()` on `action` and
/// stays on the page. The hidden fields the no-JS post needs are the children's.
#[component]
pub fn PostForm<S, I>(
    action: ServerAction<S>,
    /// The server function's arguments, as the form's fields would give them.
    input: I,
    /// The form's class.
    #[prop(optional)]
    class: Option<&'static str>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    I: Fn() -> S + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(input());
    };
    view! {
        <form method="post" action=S::url() class=class on:submit=on_submit>
            {children()}
        </form>
    }
}
