//! The visitor's language as a signal every piece of text reads, so switching language
//! re-renders the page in place.
use super::{catalogue, Lang, Msg};
use leptos::prelude::*;

/// The current page's language, provided once by the app shell.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    current: RwSignal<Lang>,
    /// The language the page was rendered in. The server reads only this: its render never
    /// switches, and some text (the `<title>`) is rendered outside the render's reactive arena,
    /// where reading a signal panics.
    #[cfg_attr(not(feature = "ssr"), allow(dead_code))]
    initial: Lang,
}

impl I18n {
    /// The language now (tracked in the browser: a closure reading it re-runs on a switch).
    pub fn get(self) -> Lang {
        #[cfg(feature = "ssr")]
        {
            self.initial
        }
        #[cfg(not(feature = "ssr"))]
        {
            self.current.get()
        }
    }

    /// Switches the page to `lang`.
    pub fn set(self, lang: Lang) {
        self.current.set(lang);
    }
}

/// Provides the page's language, starting with `initial`.
pub fn provide_lang(initial: Lang) -> I18n {
    let i18n = I18n {
        current: RwSignal::new(initial),
        initial,
    };
    provide_context(i18n);
    i18n
}

/// The page's language; English outside an app render (a component rendered on its own).
pub fn use_lang() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        current: RwSignal::new(Lang::default()),
        initial: Lang::default(),
    })
}

/// The message `key` as reactive text.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || catalogue::text(lang.get(), key)
}

/// A message with arguments as reactive text.
pub fn tm(msg: Msg) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || msg.text(lang.get())
}

/// A page's browser-tab title: the page named by `key`, then the site.
pub fn page_title(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let page = super::Arg::Text(catalogue::text(lang, key));
        catalogue::text_with(lang, "site-page-title", &[("page", &page)])
    }
}
