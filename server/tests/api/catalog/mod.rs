//! Catalog lists and detail pages: pagination, ordering, search, page size, 404s and bad input.
mod details;
mod lists;
mod page_size;
mod search;
mod search_postings;

/// The visible titles of a list page, in order.
fn titles(body: &str) -> Vec<String> {
    body.split("class=\"title\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_string())
        .collect()
}
