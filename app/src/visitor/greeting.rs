//! The header's greeting, shown on every page: "Hello, NAME" and forget-me, or a link to register.
use super::actions::VisitorActions;
use leptos::{either::Either, prelude::*};
use leptos_router::components::A;

/// "Hello, NAME" and forget-me, or a link to register.
#[component]
pub fn VisitorGreeting() -> impl IntoView {
    let actions = expect_context::<VisitorActions>();
    view! {
        <div class="greeting" id="greeting">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match actions.visitor.await {
                        Ok(Some(visitor)) => Either::Left(view! {
                            <span class="hello">"Hello, " <span class="visitor-name">{visitor.name}</span></span>
                            <ForgetMeButton/>
                        }),
                        _ => Either::Right(view! { <A href="/register">"Register"</A> }),
                    }
                })}
            </Transition>
        </div>
    }
}

/// A POST form (never a GET link) that forgets the visitor.
#[component]
pub fn ForgetMeButton() -> impl IntoView {
    let forget = expect_context::<VisitorActions>().forget;
    view! {
        <ActionForm action=forget attr:class="forget">
            <button type="submit" class="secondary" disabled=move || forget.pending().get()>"Forget me"</button>
        </ActionForm>
    }
}
