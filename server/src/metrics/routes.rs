//! The route template a request path belongs to: the label metrics and access lines use, so
//! they stay a bounded set (`/catalog/book/:id`, never one label per book or per typo).
use std::sync::Arc;

/// Every route the server answers, matched by path.
#[derive(Clone)]
pub struct RouteTemplates(Arc<matchit::Router<&'static str>>);

/// A path outside every route that still got an answer: a static file or a probe's.
pub const STATIC: &str = "(static)";
/// A path outside every route that got a 404.
pub const UNMATCHED: &str = "(unmatched)";

impl RouteTemplates {
    /// Matches `templates` (axum's `{param}` syntax; labelled `:param`). The set is built once at start and
    /// leaked, as it lives as long as the process.
    pub fn new<I: IntoIterator<Item = String>>(templates: I) -> Self {
        let mut router = matchit::Router::new();
        for template in templates {
            let label: &'static str = Box::leak(label_of(&template).into_boxed_str());
            // A template seen twice (a page and its server function never clash, but a
            // route list may repeat one) keeps its first entry.
            let _ = router.insert(template, label);
        }
        Self(Arc::new(router))
    }

    /// The template of `path` as a label, if a route matches it.
    pub fn find(&self, path: &str) -> Option<&'static str> {
        self.0.at(path).ok().map(|found| *found.value)
    }

    /// The label of a request for `path` that was answered with `status`.
    pub fn label(&self, path: &str, status: u16) -> &'static str {
        self.find(path)
            .unwrap_or_else(|| Self::stray(path.starts_with("/pkg/"), status))
    }

    /// The label of a request no route matched: a 404, a file of the build, or another
    /// static file (or probe).
    pub fn stray(build_file: bool, status: u16) -> &'static str {
        match (status, build_file) {
            (404, _) => UNMATCHED,
            (_, true) => "/pkg/:file",
            _ => STATIC,
        }
    }
}

/// A template as labels show it: `/catalog/book/:id`. Braces inside a label value are valid
/// in the exposition format, but simple parsers and dashboards' regexes trip on them.
fn label_of(template: &str) -> String {
    template
        .replace("{*", ":")
        .replace('{', ":")
        .replace('}', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_their_templates_and_strays_one_label() {
        let routes = RouteTemplates::new(
            ["/", "/catalog/book/{id}", "/api/catalog/search", "/healthz"].map(String::from),
        );
        assert_eq!(routes.label("/catalog/book/42", 200), "/catalog/book/:id");
        assert_eq!(
            routes.label("/catalog/book/999999", 404),
            "/catalog/book/:id"
        );
        assert_eq!(routes.label("/", 200), "/");
        assert_eq!(
            routes.label("/api/catalog/search", 200),
            "/api/catalog/search"
        );
        assert_eq!(routes.label("/wp-login.php", 404), UNMATCHED);
        assert_eq!(
            routes.label("/pkg/locallibrary.abc.wasm", 200),
            "/pkg/:file"
        );
        assert_eq!(routes.label("/favicon.ico", 200), STATIC);
    }
}
