//! The one way a page waits for its data: a loading line, then the content or the error page.
use crate::{error::AppError, i18n::t, ui::error_page::render_result};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Shows `loading` until `resource` resolves, then `ready(value)`, or the error page in its
/// place (with the error's HTTP status during SSR).
#[component]
pub fn AsyncView<T, Ready, V>(
    resource: Resource<Result<T, AppError>>,
    /// The catalogue key of what the visitor reads while waiting ("Loading books…").
    loading: &'static str,
    /// Renders the loaded value.
    ready: Ready,
    /// The class of the loading line.
    #[prop(default = "loading")]
    class: &'static str,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Ready: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class=class>{t(loading)}</p> }>
            {move || {
                let ready = ready.clone();
                Suspend::new(async move { render_result(resource.await.map(ready)) })
            }}
        </Suspense>
    }
}
