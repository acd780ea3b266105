//! The message catalogues, compiled into the binary (server and WASM alike) from
//! `app/locales/<lang>/*.ftl`, and the lookups every other module goes through.
use super::Lang;
use fluent_templates::{fluent_bundle::FluentValue, langid, LanguageIdentifier};
use serde::{Deserialize, Serialize};
use std::{borrow::Cow, collections::HashMap};

/// A message argument: numbers choose plural forms, text is inserted as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Int(i64),
    Text(String),
}

fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in bidi isolation marks by default; both languages here are
        // left-to-right, and the marks would end up in copied text and in tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn id(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::En => langid!("en"),
        Lang::Ru => langid!("ru"),
    }
}

/// The message `key` in `lang`. A key missing from the catalogues (a test keeps that from
/// happening) shows as itself rather than failing the page.
pub fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key, None)
}

/// The message `key` in `lang` with its arguments; numbers choose the plural form by the
/// language's CLDR rules.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, &Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Int(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.as_str()),
            };
            (Cow::Owned(name.to_string()), value)
        })
        .collect();
    lookup(lang, key, Some(&args))
}

fn lookup(lang: Lang, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
    CATALOGUES
        .lookup_single_language(&id(lang), key, args)
        .unwrap_or_else(|_| key.to_string())
}

#[cfg(test)]
mod tests;
