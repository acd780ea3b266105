//! The WASM chunks of a `--split` build (`__wasm_split_manifest*.json`), read once at start, so
//! a lazy page's `<head>` names exactly the files its chunk needs.
use leptos::prelude::*;
use leptos_meta::Meta;
use std::{collections::HashMap, path::Path};

/// Which files each lazy chunk needs, and the script that loads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitChunks {
    /// `/pkg/locallibrary.<hash>.js` in a split build: the loader imports the main JS glue by
    /// this name, so the page must import it by the same one (one URL, one module instance).
    glue: Option<String>,
    /// `/pkg/__wasm_split.<hash>.js`: the loader the main JS imports.
    loader: Option<String>,
    /// Chunk name (as in `lazy_page!`) → the `.wasm` addresses it needs, shared ones included.
    files: HashMap<String, Vec<String>>,
}

impl SplitChunks {
    /// The chunks of the build under `pkg_dir` (served at `/pkg`), with `hash.txt`'s content
    /// when the build hashed its file names. No manifest (a build without `--split`) means no
    /// chunks: every page is in the main WASM.
    pub fn read(pkg_dir: &Path, output: &str, hashes: Option<&str>) -> Result<Self, String> {
        let hash_of = |kind: &str| {
            hashes?
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim() == kind)
                .map(|(_, hash)| hash.trim().to_string())
        };
        let named = hash_of("manifest");
        let manifest = match &named {
            Some(hash) => format!("__wasm_split_manifest.{hash}.json"),
            None => "__wasm_split_manifest.json".to_string(),
        };
        let path = pkg_dir.join(&manifest);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            // A build that hash.txt says was split but whose manifest is gone would serve pages
            // whose chunks never load: refuse it rather than start half-working.
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && named.is_none() => {
                return Ok(Self::default())
            }
            Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
        };
        let modules: HashMap<String, Vec<String>> = serde_json::from_str(&text)
            .map_err(|err| format!("{} is not a split manifest: {err}", path.display()))?;
        let loader = match hash_of("split") {
            Some(hash) => format!("/pkg/__wasm_split.{hash}.js"),
            None => "/pkg/__wasm_split.______________________.js".to_string(),
        };
        let files = modules
            .into_iter()
            .map(|(chunk, modules)| {
                let urls = modules.iter().map(|m| format!("/pkg/{m}.wasm")).collect();
                (chunk, urls)
            })
            .collect();
        let glue = hash_of("js").map(|hash| format!("/pkg/{output}.{hash}.js"));
        Ok(Self {
            glue,
            loader: Some(loader),
            files,
        })
    }

    /// The address of the main JS glue, when a split build names it (see the field).
    pub fn glue(&self) -> Option<&str> {
        self.glue.as_deref()
    }

    /// The chunk loader's address (the main JS glue imports it), in a split build.
    pub fn loader(&self) -> Option<&str> {
        self.loader.as_deref()
    }

    /// The `.wasm` addresses `chunk` needs (empty when the build was not split).
    pub fn files(&self, chunk: &str) -> &[String] {
        self.files.get(chunk).map(Vec::as_slice).unwrap_or_default()
    }

    /// Names `chunk`'s files in the `<head>` of the page being rendered (`<meta
    /// name="wasm-chunk">`), for the hydration script to fetch together with the main WASM.
    ///
    /// Not `<link rel="preload">`: a preload starts at once and shares a slow phone link with
    /// the page's text and stylesheet (Lighthouse's LCP for a list page went from 0.9 s to
    /// 2.0 s), while a chunk is of no use before the main WASM runs anyway.
    pub fn preload(&self, chunk: &str) {
        // `to_html` on a leptos_meta tag registers it with the page's head instead of
        // rendering it in place.
        for file in self.files(chunk) {
            let _ = view! { <Meta name="wasm-chunk" content=file.clone()/> }.to_html();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_without_split_has_no_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let chunks = SplitChunks::read(dir.path(), "app", None).unwrap();
        assert_eq!(chunks, SplitChunks::default());
        assert!(chunks.files("lazy_session").is_empty());
    }

    #[test]
    fn hashed_manifest_names_each_chunks_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("__wasm_split_manifest.abc.json"),
            r#"{"lazy_session": ["split_lazy_session_1", "split_shared_2"]}"#,
        )
        .unwrap();
        let hashes = "js: j\nwasm: w\nsplit: def\nmanifest: abc\n";
        let chunks = SplitChunks::read(dir.path(), "app", Some(hashes)).unwrap();
        assert_eq!(
            chunks.files("lazy_session"),
            ["/pkg/split_lazy_session_1.wasm", "/pkg/split_shared_2.wasm"]
        );
        assert_eq!(chunks.loader.as_deref(), Some("/pkg/__wasm_split.def.js"));
        assert_eq!(chunks.glue(), Some("/pkg/app.j.js"));
    }

    #[test]
    fn a_manifest_named_by_hash_txt_but_missing_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = SplitChunks::read(dir.path(), "app", Some("js: j\nmanifest: abc\n")).unwrap_err();
        assert!(err.contains("__wasm_split_manifest.abc.json"), "{err}");
    }

    #[test]
    fn a_broken_manifest_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("__wasm_split_manifest.json"), "{oops").unwrap();
        let err = SplitChunks::read(dir.path(), "app", None).unwrap_err();
        assert!(err.contains("__wasm_split_manifest.json"), "{err}");
    }
}
