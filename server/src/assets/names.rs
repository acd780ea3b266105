//! What the pages call the built WASM, JS and CSS files.
use std::hash::{Hash, Hasher};

/// The names pages use for the WASM, JS and CSS files.
///
/// cargo-leptos (`hash-files`) names each file after its content and lists the hashes in
/// `hash.txt` beside the server binary. Leptos would read that file on every render (two file
/// reads and a `readlink` per page, 4 % of a list page's CPU), so it is read once here instead:
/// the three hashes make one token, pages name the files `<output>.<token>.{js,wasm,css}`, and
/// the static files answer those names with the hashed files' content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildNames {
    /// Leptos' `output_name`: `locallibrary`, or `locallibrary.<token>` for a hashed build.
    pub output_name: String,
    /// Each name the pages use, with the file that holds its content.
    pub(super) aliases: Vec<(String, String)>,
}

impl BuildNames {
    /// The names for a `hash.txt` holding `hashes` (`js: …`, `wasm: …`, `css: …` lines), or
    /// plain names when there is none.
    pub fn from_hash_file(base: &str, hashes: Option<&str>) -> Self {
        let plain = Self {
            output_name: base.to_string(),
            aliases: Vec::new(),
        };
        let Some(hashes) = hashes else { return plain };
        let kinds: Vec<(&str, &str)> = hashes
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(kind, hash)| (kind.trim(), hash.trim()))
            .filter(|(kind, hash)| ["js", "wasm", "css"].contains(kind) && !hash.is_empty())
            .collect();
        if kinds.is_empty() {
            return plain;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        kinds.hash(&mut hasher);
        let output_name = format!("{base}.{:016x}", hasher.finish());
        let aliases = kinds
            .iter()
            .map(|(kind, hash)| {
                (
                    format!("/pkg/{output_name}.{kind}"),
                    format!("/pkg/{base}.{hash}.{kind}"),
                )
            })
            .collect();
        Self {
            output_name,
            aliases,
        }
    }

    /// Whether the file names carry content hashes (so they can be cached for good).
    pub fn hashed(&self) -> bool {
        !self.aliases.is_empty()
    }
}

/// The content of `hash.txt` beside the server binary, if the build wrote one.
pub fn hash_file() -> Option<String> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .and_then(|file| std::fs::read_to_string(file).ok())
}
