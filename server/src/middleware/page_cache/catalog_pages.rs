//! Which addresses are catalog pages a stranger's kept copy may answer.

/// The catalog's lists and record pages: `/catalog/books`, `/catalog/book/7`, and so on (not
/// their create, update and delete forms, nor the loan pages).
pub fn is_catalog_page(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/catalog/") else {
        return false;
    };
    match rest.split_once('/') {
        None => matches!(
            rest,
            "books" | "authors" | "genres" | "languages" | "bookinstances"
        ),
        Some((kind, id)) => {
            matches!(
                kind,
                "book" | "author" | "genre" | "language" | "bookinstance"
            ) && !id.is_empty()
                && id != "create"
                && !id.contains('/')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lists_and_records_are_catalog_pages() {
        for path in [
            "/catalog/books",
            "/catalog/book/7",
            "/catalog/bookinstance/ab-12",
            "/catalog/genres",
        ] {
            assert!(is_catalog_page(path), "{path}");
        }
        for path in [
            "/",
            "/catalog",
            "/catalog/mybooks",
            "/catalog/borrowed",
            "/catalog/changes",
            "/catalog/book/create",
            "/catalog/book/7/update",
            "/catalog/book/7/renew",
            "/catalog/book/",
            "/accounts/login",
        ] {
            assert!(!is_catalog_page(path), "{path}");
        }
    }
}
