//! Compiles the message catalogues (`locales/<lang>/*.ftl`) into static Rust tables in
//! `$OUT_DIR/catalogue.rs`, which `src/i18n/catalogue.rs` includes: the server and the WASM
//! get finished messages instead of a Fluent parser and every CLDR locale's plural rules.
#[path = "build/ftl_codegen.rs"]
mod ftl_codegen;
#[path = "build/ftl_parse.rs"]
mod ftl_parse;

use std::{collections::BTreeMap, fs, path::Path};

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?;
    let locales = Path::new(&manifest).join("locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut languages = BTreeMap::new();
    for lang_dir in sorted_entries(&locales)? {
        if !lang_dir.is_dir() {
            continue;
        }
        let lang = file_name(&lang_dir);
        if lang.is_empty() || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(format!(
                "{}: a language folder is named by its code, like `en`",
                lang_dir.display()
            ));
        }
        // Where each id was first defined, to name both places of a duplicate.
        let mut defined: BTreeMap<String, String> = BTreeMap::new();
        let mut messages = BTreeMap::new();
        for file in sorted_entries(&lang_dir)? {
            if file.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file.display().to_string();
            let source = fs::read_to_string(&file).map_err(|e| format!("{name}: {e}"))?;
            for message in ftl_parse::parse(&name, &source)? {
                let here = format!("{name}:{}", message.line);
                if let Some(first) = defined.insert(message.id.clone(), here.clone()) {
                    return Err(format!(
                        "{here}: `{}` is already defined at {first}",
                        message.id
                    ));
                }
                messages.insert(message.id, message.pattern);
            }
        }
        languages.insert(lang, messages);
    }
    let out_dir = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    let target = Path::new(&out_dir).join("catalogue.rs");
    fs::write(&target, ftl_codegen::generate(&languages))
        .map_err(|e| format!("{}: {e}", target.display()))
}

/// The entries of `dir`, in a fixed order so the generated file does not vary between builds.
fn sorted_entries(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
