//! Starting the WASM: after the server's HTML has been painted, not in competition with it.
use leptos::{config::LeptosOptions, prelude::*};

/// Loads the JS glue and the WASM and hydrates the page once the browser is idle (at most two
/// seconds after load), with no preload hints in `<head>`.
///
/// Leptos' own `HydrationScripts` preloads the 340 KB WASM from the head, even with `defer`:
/// on a slow phone link that download shares the line with the page's first paint, and
/// Lighthouse counted it into the largest contentful paint (2.7 s). Every form and link here
/// works before hydration, so nothing is lost by starting later.
#[component]
pub fn HydrateWhenIdle(options: LeptosOptions) -> impl IntoView {
    let base = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    // cargo-leptos names the WASM like the JS; a plain wasm-bindgen build adds `_bg`.
    let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
        Some(_) => base.clone(),
        None => format!("{base}_bg"),
    };
    let (glue, loader) = split_addresses();
    let js = glue.unwrap_or_else(|| format!("{base}.js"));
    // The glue imports the chunk loader, which imports the glue back: started together with
    // the WASM's download, the three arrive in one round trip instead of three in a row.
    let loader = loader
        .map(|l| format!("import('{l}').catch(() => {{}}); "))
        .unwrap_or_default();
    // A lazy page's chunks (named in `<head>` by `SplitChunks::preload`) start with them too;
    // the loader's own request for each later finds it in the cache. Hydration waits for them:
    // a page whose chunk cannot be had (a redeploy removed it, the network dropped) stays the
    // server's page, which works without JavaScript, rather than a half-hydrated one.
    let script = format!(
        "(() => {{ const hydrate = () => {{ const wasm = fetch('{wasm}.wasm'); {loader}\
         const chunks = Promise.all([...document.querySelectorAll('meta[name=wasm-chunk]')].map((m) => \
         fetch(m.content).then((r) => r.ok && r.blob().then(() => true), () => false))); \
         import('{js}').then((glue) => glue.default({{ module_or_path: wasm }}).then(() => chunks)\
         .then((ok) => ok.every(Boolean) ? glue.hydrate() : console.warn('this page works without its code: it could not be loaded'))); }}; \
         if ('requestIdleCallback' in window) {{ requestIdleCallback(hydrate, {{ timeout: 2000 }}); }} \
         else {{ addEventListener('load', hydrate); }} }})()"
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// In a split build: the main JS glue's own name (the chunk loader imports the glue by that
/// name, and a second name would load a second, uninitialised copy of it) and the loader's.
fn split_addresses() -> (Option<String>, Option<String>) {
    #[cfg(feature = "ssr")]
    {
        let Ok(context) = crate::server::context::AppContext::current() else {
            return (None, None);
        };
        let chunks = &context.chunks;
        (
            chunks.glue().map(str::to_string),
            chunks.loader().map(str::to_string),
        )
    }
    #[cfg(not(feature = "ssr"))]
    {
        (None, None)
    }
}
