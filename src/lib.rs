//! Browser entry point: hydrates the page the server rendered.
#![forbid(unsafe_code)]

/// Called by the generated JS glue once the WASM module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics in the console while developing; release builds (panic = "abort") leave
    // the hook and its formatting code out of the bundle.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
