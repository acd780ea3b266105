//! Books: the searchable list, the detail page, and the book table other pages reuse.
// Some helpers are only called from server-function bodies, which the WASM build leaves out.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports, dead_code))]
use super::{
    copies::{CopyRow, StatusBadge},
    dates::human_date,
    pagination::{Noun, Page, PagedList},
    prefs::PageSizeAction,
};
use crate::error::AppError;
use leptos::{prelude::*, server};
use leptos_meta::Title;
use leptos_router::{
    components::Form,
    hooks::{use_navigate, use_params_map, use_query_map},
    location::Url,
    NavigateOptions,
};
use serde::{Deserialize, Serialize};

/// A book as a line in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BookRow {
    pub id: i64,
    pub title: String,
    pub author_id: Option<i64>,
    /// "Last, First", or `None` when the author was removed.
    pub author_name: Option<String>,
}

/// A named link target (genre, language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

/// Everything the book detail page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookDetail {
    pub book: BookRow,
    pub summary: String,
    pub isbn: String,
    pub language: Option<NamedRef>,
    pub genres: Vec<NamedRef>,
    pub copies: Vec<CopyRow>,
}

/// Which books a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookFilter {
    All,
    /// Title or author name contains this (already normalised) text.
    Search(String),
    Author(i64),
    Genre(i64),
    Language(i64),
}

/// One page of the book list, optionally filtered by a search.
#[server(endpoint = "catalog/books")]
pub async fn list_books(
    page: Option<String>,
    q: Option<String>,
) -> Result<Page<BookRow>, AppError> {
    let filter = match super::search::normalize_query(q.as_deref()) {
        Some(query) => BookFilter::Search(query),
        None => BookFilter::All,
    };
    let (page, per_page) = super::pagination::ssr::requested_page(page.as_deref()).await?;
    Ok(ssr::list(&crate::db::pool()?, &filter, page, per_page).await?)
}

/// One book with its genres and copies.
#[server(endpoint = "catalog/book")]
pub async fn get_book(id: String) -> Result<BookDetail, AppError> {
    let id = parse_id(&id, "book")?;
    ssr::detail(&crate::db::pool()?, id)
        .await?
        .ok_or_else(|| not_found("book"))
}

/// Parses a numeric id from the URL; anything else is a "not found", like an unknown id.
pub fn parse_id(raw: &str, what: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| not_found(what))
}

/// The "not found" error for a kind of record.
pub fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("There is no such {what} in the catalog."))
}

/// `/catalog/books`: the list, the search box and the page-size selector.
#[component]
pub fn BookListPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page");
    let q = move || query.read().get("q");
    let size_changes = expect_context::<PageSizeAction>().version();
    let books = Resource::new(
        move || (page(), q(), size_changes.get()),
        |(page, q, _)| list_books(page, q),
    );
    view! {
        <Title text="All books · LocalLibrary"/>
        <h1>"All books"</h1>
        <SearchBox initial=q().unwrap_or_default()/>
        <Suspense fallback=|| view! { <p class="loading">"Loading books…"</p> }>
            {move || Suspend::new(async move { crate::error_page::render_result(async move {
                books.await.map(|page| {
                    let query = q();
                    let empty = empty_message(query.as_deref());
                    view! {
                        <PagedList info=page.info() noun=Noun::new("book", "books") query=query.unwrap_or_default()>
                            {if page.items.is_empty() {
                                view! { <p class="empty">{empty}</p> }.into_any()
                            } else {
                                view! { <BookTable books=page.items/> }.into_any()
                            }}
                        </PagedList>
                    }
                })
            }.await) })}
        </Suspense>
    }
}

fn empty_message(query: Option<&str>) -> String {
    match query.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => format!("No books match “{q}”."),
        None => "There are no books in the library.".into(),
    }
}

/// A page of books as a table, with the total above and the page links below.
#[component]
pub fn PagedBooks(books: Page<BookRow>) -> impl IntoView {
    view! {
        <PagedList info=books.info() noun=Noun::new("book", "books")>
            <BookTable books=books.items/>
        </PagedList>
    }
}

/// The search form: a plain GET form without JavaScript, a debounced live search with it.
#[component]
fn SearchBox(initial: String) -> impl IntoView {
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let navigate = navigate.clone();
        let handle = set_timeout_with_handle(
            move || {
                let url = if text.trim().is_empty() {
                    "/catalog/books".to_string()
                } else {
                    format!("/catalog/books?q={}", Url::escape(&text))
                };
                navigate(
                    &url,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                );
            },
            std::time::Duration::from_millis(250),
        )
        .ok();
        pending.set_value(handle);
    };
    view! {
        <Form method="GET" action="/catalog/books" attr:class="search" attr:role="search">
            <label for="book-search">"Search by title or author"</label>
            <input id="book-search" type="search" name="q" value=initial maxlength="100"
                autocomplete="off" placeholder="e.g. Tolstoy, Мастер" on:input=on_input/>
            <button type="submit">"Search"</button>
        </Form>
    }
}

/// A table of books with links to each book and author.
#[component]
pub fn BookTable(books: Vec<BookRow>) -> impl IntoView {
    view! {
        <ul class="item-list book-list">
            {books
                .into_iter()
                .map(|book| {
                    view! {
                        <li>
                            <a class="title" href=format!("/catalog/book/{}", book.id)>{book.title}</a>
                            {book.author_id.zip(book.author_name).map(|(id, name)| view! {
                                " " <span class="by">"("<a href=format!("/catalog/author/{id}")>{name}</a>")"</span>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// `/catalog/book/{id}`.
#[component]
pub fn BookDetailPage() -> impl IntoView {
    let params = use_params_map();
    let book = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_book,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the book…"</p> }>
            {move || Suspend::new(async move { crate::error_page::render_result(async move {
                book.await.map(|detail| view! { <BookDetailView detail/> })
            }.await) })}
        </Suspense>
    }
}

#[component]
fn BookDetailView(detail: BookDetail) -> impl IntoView {
    let BookDetail {
        book,
        summary,
        isbn,
        language,
        genres,
        copies,
    } = detail;
    view! {
        <Title text=format!("{} · LocalLibrary", book.title)/>
        <h1>{book.title.clone()}</h1>
        <dl class="facts">
            <dt>"Author"</dt>
            <dd>{match book.author_id.zip(book.author_name) {
                Some((id, name)) => view! { <a href=format!("/catalog/author/{id}")>{name}</a> }.into_any(),
                None => view! { "Unknown" }.into_any(),
            }}</dd>
            <dt>"Summary"</dt>
            <dd>{summary}</dd>
            <dt>"ISBN"</dt>
            <dd>{isbn}</dd>
            <dt>"Language"</dt>
            <dd>{match language {
                Some(l) => view! { <a href=format!("/catalog/language/{}", l.id)>{l.name}</a> }.into_any(),
                None => view! { "Unknown" }.into_any(),
            }}</dd>
            <dt>"Genre"</dt>
            <dd>{genres.into_iter().enumerate().map(|(i, g)| view! {
                {(i > 0).then_some(", ")}
                <a href=format!("/catalog/genre/{}", g.id)>{g.name}</a>
            }).collect_view()}</dd>
        </dl>
        <h2>"Copies"</h2>
        {if copies.is_empty() {
            view! { <p class="empty">"The library has no copies of this book."</p> }.into_any()
        } else {
            view! {
                <ul class="copies">
                    {copies.into_iter().map(|copy| view! {
                        <li>
                            <StatusBadge status=copy.status.clone()/>
                            <p><strong>"Imprint: "</strong>{copy.imprint}</p>
                            {copy.due_back.map(|due| view! { <p><strong>"Due back: "</strong>{human_date(&due)}</p> })}
                            <p class="copy-id"><strong>"Id: "</strong>
                                <a href=format!("/catalog/bookinstance/{}", copy.id)>{copy.id.clone()}</a></p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// Server-only queries.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{BookDetail, BookFilter, BookRow, NamedRef};
    use crate::db::Dialect;
    use crate::{
        catalog::{
            copies::ssr::copies_of_book,
            pagination::{Page, Window},
            search::like_pattern,
        },
        db::Pool,
    };

    /// The WHERE clause of `filter`, with its one bound value (if any) as `$1`.
    fn filter_clause(filter: &BookFilter) -> (&'static str, Option<FilterValue>) {
        match filter {
            BookFilter::All => ("", None),
            BookFilter::Search(text) => (
                " WHERE b.search_key LIKE $1 ESCAPE '\\'",
                Some(FilterValue::Text(like_pattern(text))),
            ),
            BookFilter::Author(id) => (" WHERE b.author_id = $1", Some(FilterValue::Id(*id))),
            BookFilter::Language(id) => (" WHERE b.language_id = $1", Some(FilterValue::Id(*id))),
            BookFilter::Genre(id) => (
                " WHERE b.id IN (SELECT book_id FROM book_genres WHERE genre_id = $1)",
                Some(FilterValue::Id(*id)),
            ),
        }
    }

    /// The value a filter binds.
    enum FilterValue {
        Text(String),
        Id(i64),
    }

    /// One page of books, ordered by title then author: two queries whatever the page size.
    pub async fn list(
        pool: &Pool,
        filter: &BookFilter,
        page: u32,
        per_page: u32,
    ) -> Result<Page<BookRow>, sqlx::Error> {
        let (clause, value) = filter_clause(filter);
        let count_sql = format!("SELECT COUNT(*) FROM books b{clause}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        match &value {
            Some(FilterValue::Text(text)) => count = count.bind(text.clone()),
            Some(FilterValue::Id(id)) => count = count.bind(*id),
            None => {}
        }
        let total = u64::try_from(count.fetch_one(pool).await?).unwrap_or(0);
        let window = Window::new(page, per_page, total);

        // For a search on SQLite, a sequential scan plus a sort of the few matches beats walking
        // the title index and visiting every row out of order; `+` keeps the planner off it.
        let order = match (filter, Dialect::of(pool)) {
            (BookFilter::Search(_), Dialect::Sqlite) => "+b.title",
            _ => "b.title",
        };
        let next = if value.is_some() { 2 } else { 1 };
        let rows_sql = format!(
            "SELECT b.id, b.title, b.author_id, a.last_name || ', ' || a.first_name AS author_name \
             FROM books b LEFT JOIN authors a ON a.id = b.author_id{clause} \
             ORDER BY {order}, a.last_name, a.first_name, b.id LIMIT ${next} OFFSET ${}",
            next + 1
        );
        let mut rows = sqlx::query_as::<_, BookRow>(&rows_sql);
        match value {
            Some(FilterValue::Text(text)) => rows = rows.bind(text),
            Some(FilterValue::Id(id)) => rows = rows.bind(id),
            None => {}
        }
        let items = rows
            .bind(i64::from(window.per_page))
            .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?;
        Ok(window.into_page(items, total))
    }

    /// A book with its language, genres and copies (four small queries), or `None`.
    pub async fn detail(pool: &Pool, id: i64) -> Result<Option<BookDetail>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            book: BookRow,
            summary: String,
            isbn: String,
            language_id: Option<i64>,
            language: Option<String>,
        }
        let Some(row) = sqlx::query_as::<_, Row>(
            "SELECT b.id, b.title, b.author_id, a.last_name || ', ' || a.first_name AS author_name, \
                    b.summary, b.isbn, b.language_id, l.name AS language \
             FROM books b \
             LEFT JOIN authors a ON a.id = b.author_id \
             LEFT JOIN languages l ON l.id = b.language_id \
             WHERE b.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
        else {
            return Ok(None);
        };
        let genres = sqlx::query_as::<_, NamedRef>(
            "SELECT g.id, g.name FROM book_genres bg JOIN genres g ON g.id = bg.genre_id \
             WHERE bg.book_id = $1 ORDER BY g.name",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let copies = copies_of_book(pool, id).await?;
        Ok(Some(BookDetail {
            book: row.book,
            summary: row.summary,
            isbn: row.isbn,
            language: row
                .language_id
                .zip(row.language)
                .map(|(id, name)| NamedRef { id, name }),
            genres,
            copies,
        }))
    }
}
