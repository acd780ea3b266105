//! A short, human name for a User-Agent header ("Firefox on Linux"): enough to recognise one's
//! own devices, without a database of every browser ever made. Browser and system names are
//! the products' own; the words around them come from the catalogue.
use crate::i18n::Msg;

/// "Browser on System" for `user_agent`, or "Unknown browser", as a message the page shows in
/// the visitor's language.
pub fn describe(user_agent: &str) -> Msg {
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => Msg::new("accounts-device-browser-on-system")
            .with("browser", browser)
            .with("system", system),
        (Some(browser), None) => Msg::new("accounts-device-browser").with("browser", browser),
        (None, Some(system)) => Msg::new("accounts-device-some-browser-on").with("system", system),
        (None, None) => Msg::new("accounts-device-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::i18n::Lang;

    /// English and Russian, named so that these checks of the text are not taken for uses of
    /// catalogue keys by the catalogue's own test.
    const EN: Lang = Lang::En;
    const RU: Lang = Lang::Ru;

    /// The description as an English-speaking visitor reads it.
    fn describe_en(user_agent: &str) -> String {
        describe(user_agent).text(EN)
    }

    #[test]
    fn common_browsers_are_named() {
        assert_eq!(
            describe_en("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
            "Firefox on Linux"
        );
        assert_eq!(
            describe_en("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"),
            "Edge on Windows"
        );
        assert_eq!(
            describe_en("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"),
            "Safari on iPhone"
        );
        assert_eq!(describe_en("curl/8.5.0"), "curl");
        assert_eq!(
            describe_en("Mozilla/5.0 (Linux; Android 14)"),
            "A browser on Android"
        );
        assert_eq!(describe_en(""), "Unknown browser");
        assert_eq!(describe("").text(RU), "Неизвестный браузер");
    }
}
