//! Russian and English. Every piece of interface text comes from the Fluent message catalogues
//! under `app/locales/<lang>/` (one file per feature); this module is the only code that reads
//! them. It sits below every other module: errors, pages and the server all render through it.
pub mod catalogue;
pub mod context;
pub mod dates;
pub mod lang;
pub mod msg;

pub use catalogue::{text, text_with, Arg};
pub use context::{page_title, provide_lang, t, tm, use_lang, I18n};
pub use lang::Lang;
pub use msg::{key, Msg};

/// Reactive interface text: `tr!("key")`, or `tr!("key", count = n, name = who)` for a message
/// with arguments. Re-renders when the visitor switches language.
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::t($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tm($crate::i18n::Msg::new($key)$(.with(stringify!($name), $value))+)
    };
}
