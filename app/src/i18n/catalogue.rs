//! The message catalogues and the lookups every other module goes through. The messages are
//! written in Fluent under `app/locales/<lang>/*.ftl`; `app/build.rs` compiles them into the
//! static tables included below, so the server and the WASM carry no Fluent parser and only
//! the plural rules of their two languages (`plural.rs`). Output matches `fluent-bundle`'s with
//! bidi isolation off, which a test checks for every message.
use super::Lang;
use serde::{Deserialize, Serialize};

mod plural;

/// A message argument: numbers choose plural forms, text is inserted as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Int(i64),
    Text(String),
}

/// A piece of a compiled message.
enum Part {
    Text(&'static str),
    Var(&'static str),
    // Behind a reference, so a part is no bigger than a `&str` and its tag.
    Select(&'static Select),
}

/// `{ $var -> [key] … *[default] … }`: the first variant whose key matches, else the default.
struct Select {
    var: &'static str,
    default: usize,
    variants: &'static [Variant],
}

struct Variant {
    key: Key,
    parts: &'static [Part],
}

/// A variant key: a plural category or a text argument's value, or an exact number.
enum Key {
    Name(&'static str),
    #[allow(
        dead_code,
        reason = "no catalogue has an exact-number variant ([0]) yet"
    )]
    Number(i64),
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The message `key` in `lang`. A key missing from the catalogues (a test keeps that from
/// happening) shows as itself rather than failing the page.
pub fn text(lang: Lang, key: &str) -> String {
    text_with(lang, key, &[])
}

/// The message `key` in `lang` with its arguments; numbers choose the plural form by the
/// language's CLDR rules. A missing argument shows as `{$name}`, as Fluent shows it.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, &Arg)]) -> String {
    let Some(parts) = message(lang, key) else {
        return key.to_string();
    };
    if let [Part::Text(text)] = parts {
        return text.to_string();
    }
    let mut out = String::new();
    write_parts(&mut out, lang, parts, args);
    out
}

fn message(lang: Lang, key: &str) -> Option<&'static [Part]> {
    let index = KEYS.binary_search(&key).ok()?;
    let parts = match lang {
        Lang::En => EN[index],
        Lang::Ru => RU[index],
    };
    // Fluent has no empty messages, so empty marks one the language lacks.
    (!parts.is_empty()).then_some(parts)
}

fn write_parts(out: &mut String, lang: Lang, parts: &[Part], args: &[(&str, &Arg)]) {
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var(name) => match arg(args, name) {
                Some(Arg::Int(n)) => plural::write_number(out, *n),
                Some(Arg::Text(text)) => out.push_str(text),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            Part::Select(select) => {
                let value = arg(args, select.var);
                let chosen = select
                    .variants
                    .iter()
                    .find(|variant| matches(lang, &variant.key, value))
                    .unwrap_or(&select.variants[select.default]);
                write_parts(out, lang, chosen.parts, args);
            }
        }
    }
}

/// The argument `name`; the last one given wins, as in a Fluent argument map.
fn arg<'a>(args: &[(&str, &'a Arg)], name: &str) -> Option<&'a Arg> {
    args.iter()
        .rev()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| *value)
}

/// Whether a variant's key matches the selector's value, by Fluent's rules: names match text
/// equal to them or a number in that plural category; numbers match equal numbers (as `f64`).
fn matches(lang: Lang, key: &Key, value: Option<&Arg>) -> bool {
    match (key, value) {
        (Key::Name(name), Some(Arg::Text(text))) => name == text,
        (Key::Name(name), Some(Arg::Int(n))) => *name == plural::category(lang, *n),
        (Key::Number(k), Some(Arg::Int(n))) => *k as f64 == *n as f64,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
