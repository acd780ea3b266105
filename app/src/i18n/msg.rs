//! A message to show, as data: a catalogue key and its arguments. Errors and validation results
//! carry these instead of finished text, so the browser shows them in the visitor's language
//! (and again in the other one after a switch).
use super::{
    catalogue::{self, Arg},
    Lang,
};
use serde::{Deserialize, Serialize};

/// A catalogue key with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    /// The message's id in the catalogues.
    pub key: String,
    /// Named arguments, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

impl Msg {
    /// The message `key` with no arguments yet.
    pub fn new(key: &str) -> Self {
        Self {
            key: key.to_string(),
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_string(), value.into()));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, &Arg)> = self.args.iter().map(|(n, v)| (n.as_str(), v)).collect();
        catalogue::text_with(lang, &self.key, &args)
    }
}

/// The English text, for logs and the command line (pages use [`Msg::text`]).
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Marks a string literal as a catalogue key (for the test that every key used exists) where
/// it is not passed straight to `tr!`, `t` or `Msg::new`.
pub const fn key(key: &'static str) -> &'static str {
    key
}

macro_rules! int_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Int(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_args!(i32, i64, u32, u64, usize);

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}
