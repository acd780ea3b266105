//! Per-visitor list preferences kept in the session: how many items a list page shows.
use super::pagination::PAGE_SIZES;
use crate::error::AppError;
use leptos::{prelude::*, server};

/// Remembers the chosen page size for this browser's session.
#[server(endpoint = "catalog/page-size")]
pub async fn set_page_size(size: u32) -> Result<u32, AppError> {
    if !PAGE_SIZES.contains(&size) {
        return Err(AppError::BadRequest(format!(
            "Choose {:?} items per page, not {size}.",
            PAGE_SIZES
        )));
    }
    crate::session::VisitorSession::current()
        .await?
        .set_page_size(size)
        .await?;
    Ok(size)
}

/// The shared action lists refetch on; created once by the app shell.
pub type PageSizeAction = ServerAction<SetPageSize>;

/// The page-size selector shown above every list. Works as a plain form without JavaScript.
#[component]
pub fn PageSizeSelector(current: u32) -> impl IntoView {
    let action = expect_context::<PageSizeAction>();
    view! {
        <ActionForm action attr:class="page-size">
            <label for="page-size">"Per page"</label>
            <select
                id="page-size"
                name="size"
                on:change=move |ev| {
                    if let Ok(size) = event_target_value(&ev).parse() {
                        action.dispatch(SetPageSize { size });
                    }
                }
            >
                {PAGE_SIZES
                    .map(|n| view! { <option value=n.to_string() selected=n == current>{n}</option> })}
            </select>
            <button type="submit">"Apply"</button>
        </ActionForm>
    }
}
