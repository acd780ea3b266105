//! Browser entry point: hydrates the page the server rendered.
#![forbid(unsafe_code)]
// `hydrate_lazy` builds one async future over the whole app view type, deeper than the default.
#![recursion_limit = "256"]

/// Called by the generated JS glue once the WASM module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics in the console while developing; release builds (panic = "abort") leave
    // the hook and its formatting code out of the bundle.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // `hydrate_lazy` waits for the chunk of a lazy page before hydrating it.
    leptos::mount::hydrate_lazy(app::App);
}
