//! The book pages: the searchable list and one book's page, plus the book table that the
//! author, genre and language pages reuse.
use super::{
    api::{get_book, list_books},
    model::{BookDetail, BookRow},
    search_box::SearchBox,
};
use crate::{
    catalog::{copies::StatusBadge, dates::date_text, record::record_title},
    i18n::{page_title, t, tm, Msg},
    ui::{
        async_view::AsyncView,
        page_size,
        paging::{Noun, Page, PagedList},
    },
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What a book list holds.
const BOOKS: Noun = Noun::new("list-total-books");

/// `/catalog/books`: the list, the search box and the page-size selector.
#[component]
pub fn BookListPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page");
    let q = move || query.read().get("q");
    let size_changes = page_size::provide_action().version();
    let books = Resource::new(
        move || (page(), q(), size_changes.get()),
        |(page, q, _)| list_books(page, q),
    );
    let ready = move |page: Page<BookRow>| {
        let query = q();
        let empty = tm(empty_message(query.as_deref()));
        view! {
            <PagedList info=page.info() noun=BOOKS keep=vec![("q", query.unwrap_or_default())]>
                {if page.items.is_empty() {
                    Either::Left(view! { <p class="empty">{empty}</p> })
                } else {
                    Either::Right(view! { <BookTable books=page.items/> })
                }}
            </PagedList>
        }
    };
    view! {
        <Title text=page_title("catalog-books-heading")/>
        <h1>{t("catalog-books-heading")}</h1>
        <SearchBox initial=q().unwrap_or_default()/>
        <AsyncView resource=books loading="catalog-loading-books" ready/>
    }
}

/// What an empty book list says: nothing matched the search, or the library has no books.
fn empty_message(query: Option<&str>) -> Msg {
    match query.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => Msg::new("catalog-books-no-match").with("query", q),
        None => Msg::new("catalog-books-none"),
    }
}

/// A page of books as a table, with the total above and the page links below.
#[component]
pub fn PagedBooks(books: Page<BookRow>) -> impl IntoView {
    view! {
        <PagedList info=books.info() noun=BOOKS>
            <BookTable books=books.items/>
        </PagedList>
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
        <AsyncView resource=book loading="catalog-loading-book"
            ready=|detail| view! { <BookDetailView detail/> }/>
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
        <Title text=record_title(book.title.clone())/>
        <h1>{book.title.clone()}</h1>
        <dl class="facts">
            <dt>{t("catalog-book-author")}</dt>
            <dd>{match book.author_id.zip(book.author_name) {
                Some((id, name)) => Either::Left(view! { <a href=format!("/catalog/author/{id}")>{name}</a> }),
                None => Either::Right(t("catalog-book-author-unknown")),
            }}</dd>
            <dt>{t("catalog-book-summary")}</dt>
            <dd>{summary}</dd>
            <dt>{t("catalog-book-isbn")}</dt>
            <dd>{isbn}</dd>
            <dt>{t("catalog-book-language")}</dt>
            <dd>{match language {
                Some(l) => Either::Left(view! { <a href=format!("/catalog/language/{}", l.id)>{l.name}</a> }),
                None => Either::Right(t("catalog-book-language-unknown")),
            }}</dd>
            <dt>{t("catalog-book-genre")}</dt>
            <dd>{genres.into_iter().enumerate().map(|(i, g)| view! {
                {(i > 0).then_some(", ")}
                <a href=format!("/catalog/genre/{}", g.id)>{g.name}</a>
            }).collect_view()}</dd>
        </dl>
        <h2>{t("catalog-book-copies")}</h2>
        {if copies.is_empty() {
            Either::Left(view! { <p class="empty">{t("catalog-book-no-copies")}</p> })
        } else {
            Either::Right(view! {
                <ul class="copies">
                    {copies.into_iter().map(|copy| view! {
                        <li>
                            <StatusBadge status=copy.status.clone()/>
                            <p><strong>{t("catalog-book-copy-imprint")} " "</strong>{copy.imprint}</p>
                            {copy.due_back.map(|due| view! { <p><strong>{t("catalog-book-copy-due-back")} " "</strong>{date_text(due)}</p> })}
                            <p class="copy-id"><strong>{t("catalog-book-copy-id")} " "</strong>
                                <a href=format!("/catalog/bookinstance/{}", copy.id)>{copy.id.clone()}</a></p>
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
    }
}
