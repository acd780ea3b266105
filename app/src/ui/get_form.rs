//! GET forms (a search, a filter) that the router submits without a reload.
use leptos::web_sys::FormData;
use std::sync::Arc;

/// For `<Form on_form_data=…>`: drops the entry the router adds for the submit button, which
/// has no name, so the address reads `?status=on-loan`, not `?status=on-loan&=`.
pub fn without_unnamed_entries() -> Arc<dyn Fn(&FormData)> {
    Arc::new(|data: &FormData| data.delete(""))
}
