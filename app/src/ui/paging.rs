//! Splitting lists into pages: parsing `?page=`, the page envelope, and the page links.
use super::page_size::PageSizeSelector;
use crate::i18n::{t, tm, Lang, Msg};
use leptos::{either::Either, prelude::*};
use serde::{Deserialize, Serialize};

/// One page of a list, with what is needed to link to the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based number of this page (already clamped into range).
    pub page: u32,
    /// Number of pages (at least 1, even for an empty list).
    pub pages: u32,
    /// Number of items in the whole list.
    pub total: u64,
    pub per_page: u32,
}

/// What a list holds: the catalogue key of its total ("1 copy", "216 copies", "216
/// экземпляров"), a message with a `count` whose plural forms each language spells out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun(&'static str);

impl Noun {
    /// The noun whose totals are the message `total_key`.
    pub const fn new(total_key: &'static str) -> Self {
        Noun(total_key)
    }

    /// `count` of these things, as a message.
    pub fn count_msg(self, count: u64) -> Msg {
        Msg::new(self.0).with("count", count)
    }

    /// `count` of these things in `lang`, as the list header shows it.
    pub fn count(self, lang: Lang, count: u64) -> String {
        self.count_msg(count).text(lang)
    }
}

/// Where a [`Page`] sits in its list, without the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub page: u32,
    pub pages: u32,
    pub total: u64,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// This page's position, for the header and links around its items.
    pub fn info(&self) -> PageInfo {
        PageInfo {
            page: self.page,
            pages: self.pages,
            total: self.total,
            per_page: self.per_page,
        }
    }
}

/// Reads `?page=`: anything that is not a positive whole number means the first page.
pub fn parse_page(raw: Option<&str>) -> u32 {
    raw.and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|&p| p >= 1)
        .unwrap_or(1)
}

/// Where a page starts, after clamping `requested` to the last page of `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub page: u32,
    pub pages: u32,
    pub per_page: u32,
    pub offset: u64,
}

impl Window {
    /// The window for `requested` (1-based) over `total` items, `per_page` at a time.
    pub fn new(requested: u32, per_page: u32, total: u64) -> Self {
        let per_page = per_page.max(1);
        let pages = total
            .div_ceil(u64::from(per_page))
            .clamp(1, u64::from(u32::MAX)) as u32;
        let page = requested.clamp(1, pages);
        Window {
            page,
            pages,
            per_page,
            offset: u64::from(page - 1) * u64::from(per_page),
        }
    }

    /// Wraps the rows of this window into a [`Page`].
    pub fn into_page<T>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page {
            items,
            page: self.page,
            pages: self.pages,
            total,
            per_page: self.per_page,
        }
    }
}

/// A page of a list: the total and page-size selector above the items, the page links below.
#[component]
pub fn PagedList(
    info: PageInfo,
    /// What the list holds.
    noun: Noun,
    /// Query parameters the page links keep (the search text, a filter), empty ones left out.
    #[prop(optional)]
    keep: Vec<(&'static str, String)>,
    children: Children,
) -> impl IntoView {
    view! {
        <ListHeader total=info.total noun=noun per_page=info.per_page/>
        {children()}
        <Pagination page=info.page pages=info.pages keep/>
    }
}

/// The total and the page-size selector above a list.
#[component]
pub fn ListHeader(total: u64, noun: Noun, per_page: u32) -> impl IntoView {
    view! {
        <div class="list-header">
            <p class="total">{tm(noun.count_msg(total))}</p>
            <PageSizeSelector current=per_page/>
        </div>
    }
}

/// "previous · Page N of M · next", keeping the other query parameters (such as `q`).
#[component]
pub fn Pagination(
    page: u32,
    pages: u32,
    #[prop(optional)] keep: Vec<(&'static str, String)>,
) -> impl IntoView {
    let href = move |target: u32| {
        let mut params: Vec<String> = keep
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", leptos_router::location::Url::escape(value)))
            .collect();
        params.push(format!("page={target}"));
        format!("?{}", params.join("&"))
    };
    let link = move |label: &'static str, target: Option<u32>, rel: &'static str| match target {
        Some(to) => {
            Either::Left(view! { <a class="page-link" href=href(to) rel=rel>{t(label)}</a> })
        }
        None => Either::Right(
            view! { <a class="page-link disabled" aria-disabled="true" role="link">{t(label)}</a> },
        ),
    };
    view! {
        <nav class="pagination" aria-label=t("paging-label")>
            {link(crate::i18n::key("paging-previous"), (page > 1).then(|| page - 1), "prev")}
            <span class="page-current">{tm(Msg::new("paging-current").with("page", page).with("pages", pages))}</span>
            {link(crate::i18n::key("paging-next"), (page < pages).then(|| page + 1), "next")}
        </nav>
    }
}

/// Reading what a list request asks for.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::parse_page;
    use crate::{
        error::AppError, server::session::VisitorSession, ui::page_size::effective_page_size,
    };

    /// The page a list request asks for (`?page=`, forgiving) and the visitor's page size.
    pub async fn requested_page(page: Option<&str>) -> Result<(u32, u32), AppError> {
        // The session's choice, or the test cookie's before any session was stored.
        let stored = VisitorSession::current().await?.page_size().await?;
        Ok((parse_page(page), effective_page_size(stored)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_follow_each_languages_plural_rules() {
        let copies = Noun::new("list-total-copies");
        assert_eq!(copies.count(Lang::En, 1), "1 copy");
        assert_eq!(copies.count(Lang::En, 0), "0 copies");
        assert_eq!(copies.count(Lang::En, 216), "216 copies");
        assert_eq!(copies.count(Lang::Ru, 216), "216 экземпляров");
        assert_eq!(copies.count(Lang::Ru, 21), "21 экземпляр");
        assert_eq!(copies.count(Lang::Ru, 3), "3 экземпляра");
    }

    #[test]
    fn bad_page_values_mean_the_first_page() {
        for raw in [
            None,
            Some("0"),
            Some("-1"),
            Some("abc"),
            Some(""),
            Some("1.5"),
            Some("99999999999"),
        ] {
            assert_eq!(parse_page(raw), 1, "{raw:?}");
        }
        assert_eq!(parse_page(Some(" 3 ")), 3);
    }

    #[test]
    fn windows_clamp_to_the_last_page() {
        // The Django suite's case: 13 authors, 10 per page.
        assert_eq!(
            Window::new(2, 10, 13),
            Window {
                page: 2,
                pages: 2,
                per_page: 10,
                offset: 10
            }
        );
        assert_eq!(Window::new(9, 10, 13).page, 2);
        assert_eq!(
            Window::new(1, 10, 0),
            Window {
                page: 1,
                pages: 1,
                per_page: 10,
                offset: 0
            }
        );
        assert_eq!(Window::new(u32::MAX, 10, 25).offset, 20);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any `?page=` text gives a page number of at least 1, and digits are read as such.
            #[test]
            fn any_page_text_is_a_positive_page(raw in any::<String>(), n in 1u32..) {
                prop_assert!(parse_page(Some(&raw)) >= 1);
                prop_assert_eq!(parse_page(Some(&format!(" {n} "))), n);
            }

            /// Windows always lie inside the list, whatever is asked for.
            #[test]
            fn windows_stay_inside_the_list(requested in any::<u32>(), per_page in any::<u32>(), total in 0u64..1_000_000_000) {
                let w = Window::new(requested, per_page, total);
                prop_assert!(w.page >= 1 && w.page <= w.pages);
                prop_assert!(w.per_page >= 1);
                prop_assert!(w.offset < total.max(1));
                prop_assert_eq!(w.offset % u64::from(w.per_page), 0);
            }
        }
    }
}
