//! The catalogues agree with each other and with the code, plurals follow CLDR, and the compiled
//! messages read exactly as Fluent renders them.
use super::*;
use crate::i18n::Msg;
use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

mod build_parser;
mod fluent_parity;
mod plurals;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Each `.ftl` file of `lang`, by file name, with its text.
fn ftl_sources(lang: Lang) -> BTreeMap<String, String> {
    let dir = locales_dir().join(lang.code());
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("locale folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable .ftl");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.insert(name, source);
    }
    files
}

/// Message ids by file, read the way Fluent does: an id starts a line, attributes and variants
/// are indented.
fn message_ids(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    for (name, source) in ftl_sources(lang) {
        if let Err((_, errors)) =
            fluent_templates::fluent_bundle::FluentResource::try_new(source.clone())
        {
            panic!("{}/{name} does not parse: {errors:?}", lang.code());
        }
        let ids = source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
            .collect();
        files.insert(name, ids);
    }
    files
}

#[test]
fn both_catalogues_have_exactly_the_same_keys() {
    let en = message_ids(Lang::En);
    let ru = message_ids(Lang::Ru);
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        ru.keys().collect::<Vec<_>>(),
        "the languages have different files"
    );
    for (file, en_ids) in &en {
        let ru_ids = &ru[file];
        let only_en: Vec<_> = en_ids.difference(ru_ids).collect();
        let only_ru: Vec<_> = ru_ids.difference(en_ids).collect();
        assert!(
            only_en.is_empty() && only_ru.is_empty(),
            "{file}: only in English {only_en:?}, only in Russian {only_ru:?}"
        );
    }
    let all: Vec<&String> = en.values().flatten().collect();
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "a key is defined in two files");
}

/// Every string literal passed to the catalogue's entry points in the sources under `dir`.
fn keys_used_in(dir: &Path, found: &mut BTreeSet<(String, String)>) {
    const CALLS: [&str; 8] = [
        "Noun::new(\"",
        "loading=\"",
        "tr!(\"",
        "t(\"",
        "Msg::new(\"",
        "key(\"",
        "page_title(\"",
        "text(lang, \"",
    ];
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            keys_used_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable source");
        for call in CALLS {
            for (at, _) in source.match_indices(call) {
                // The call itself, not the end of another name (`set("`, `username_key("`).
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &source[at + call.len()..];
                if let Some((key, _)) = rest.split_once('"') {
                    found.insert((key.to_string(), path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_key_the_code_uses_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    keys_used_in(&root.join("src"), &mut used);
    keys_used_in(&root.join("../server/src"), &mut used);
    // Keys built at run time, listed where they are built.
    for key in crate::i18n::dates::MONTH_KEYS {
        used.insert((key.to_string(), "i18n/dates.rs".into()));
    }
    assert!(used.len() > 100, "the scan found only {} keys", used.len());
    let defined: Vec<BTreeSet<String>> = Lang::ALL
        .iter()
        .map(|lang| message_ids(*lang).into_values().flatten().collect())
        .collect();
    let missing: Vec<_> = used
        .iter()
        .filter(|(key, _)| key != "key" && defined.iter().any(|ids| !ids.contains(key)))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in both catalogues: {missing:#?}"
    );
}

/// The Russian plural form of `n` by the textbook rule: 1, 21, 101 → one; 2–4, 22–24 → few;
/// 0, 5–20, 11–14, 25–30, 111 → many.
fn russian_form<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

fn russian_numbers() -> Vec<u64> {
    (0..=25).chain([101, 111, 1001]).collect()
}

#[test]
fn russian_visit_sentences_follow_cldr_plurals() {
    for n in russian_numbers() {
        let text = Msg::new("visits-sentence").with("count", n).text(Lang::Ru);
        let word = russian_form(n, "раз", "раза", "раз");
        assert_eq!(
            text,
            format!("Вы посетили эту страницу {n} {word}."),
            "n = {n}"
        );
    }
}

#[test]
fn russian_copy_totals_follow_cldr_plurals() {
    for n in russian_numbers() {
        let text = Msg::new("list-total-copies")
            .with("count", n)
            .text(Lang::Ru);
        let word = russian_form(n, "экземпляр", "экземпляра", "экземпляров");
        assert_eq!(text, format!("{n} {word}"), "n = {n}");
    }
    assert_eq!(
        Msg::new("list-total-copies")
            .with("count", 216)
            .text(Lang::Ru),
        "216 экземпляров"
    );
}

#[test]
fn english_plurals_are_one_and_other() {
    let visits = |n: u64| Msg::new("visits-sentence").with("count", n).text(Lang::En);
    assert_eq!(visits(0), "You have visited this page 0 times.");
    assert_eq!(visits(1), "You have visited this page 1 time.");
    assert_eq!(visits(2), "You have visited this page 2 times.");
    let copies = |n: u64| {
        Msg::new("list-total-copies")
            .with("count", n)
            .text(Lang::En)
    };
    assert_eq!(copies(1), "1 copy");
    assert_eq!(copies(216), "216 copies");
}

#[test]
fn arguments_come_without_isolation_marks_and_missing_keys_show_as_themselves() {
    let sentence = Msg::new("visits-sentence").with("count", 3).text(Lang::En);
    assert!(
        !sentence.contains('\u{2068}') && !sentence.contains('\u{2069}'),
        "{sentence:?}"
    );
    assert_eq!(text(Lang::Ru, "no-such-key"), "no-such-key");
}

#[test]
fn a_missing_argument_shows_as_fluent_shows_it() {
    assert_eq!(text(Lang::En, "site-page-title"), "{$page} · LocalLibrary");
    let copies = text_with(Lang::Ru, "list-total-copies", &[("other", &Arg::Int(2))]);
    assert_eq!(copies, "{$count} экземпляров");
}
