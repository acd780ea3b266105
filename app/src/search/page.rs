//! `/catalog/search`: authors and books ranked for the query in the address, with the words
//! that matched marked. Each new query cancels the request of the one before, and an older
//! answer never replaces a newer one.
use super::{
    api::search_catalog,
    model::{AuthorHit, BookHit, Marked, SearchResults},
};
use crate::{
    error::AppError,
    i18n::{page_title, t, tm, Msg},
    ui::{
        async_view::AsyncView,
        page_size::PageSizeAction,
        paging::{Noun, PagedList},
    },
};
use futures::future::{abortable, AbortHandle};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the book results hold.
const BOOKS: Noun = Noun::new("list-total-books");

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page");
    let size_changes = expect_context::<PageSizeAction>().version();
    let in_flight = StoredValue::new(None::<AbortHandle>);
    let results = Resource::new(
        move || (q(), page(), size_changes.get()),
        move |(q, page, _)| {
            // Dropping the superseded call aborts its HTTP request; the resource already
            // ignores any answer but the latest.
            let (call, handle) = abortable(search_catalog(Some(q), page));
            if let Some(previous) = in_flight.try_update_value(|f| f.replace(handle)).flatten() {
                previous.abort();
            }
            async move { call.await.unwrap_or(Err(AppError::Unavailable)) }
        },
    );
    view! {
        <Title text=page_title("search-heading")/>
        <h1>{t("search-heading")}</h1>
        <AsyncView resource=results loading="search-loading"
            ready=move |found| view! { <Found found typed=q()/> }/>
    }
}

/// The results, a hint when nothing was asked, or what to try when nothing matched.
#[component]
fn Found(found: Option<SearchResults>, typed: String) -> impl IntoView {
    let Some(found) = found else {
        return Either::Left(view! { <p class="hint">{tm(Msg::new("search-hint"))}</p> });
    };
    if found.books.total == 0 && found.authors_total == 0 {
        let message = Msg::new("search-no-match").with("query", typed.trim());
        return Either::Left(view! { <p class="empty">{tm(message)}</p> });
    }
    let more_authors = found.authors_total > found.authors.len() as u64;
    let authors_total = found.authors_total;
    Either::Right(view! {
        {(!found.authors.is_empty()).then(|| view! {
            <section class="found-authors" aria-labelledby="found-authors">
                <h2 id="found-authors">{t("search-authors")}</h2>
                <ul class="item-list">
                    {found.authors.into_iter().map(|author| view! { <AuthorLine author/> }).collect_view()}
                </ul>
                {more_authors.then(|| view! {
                    <p class="more">{tm(Msg::new("search-more-authors").with("count", authors_total))}</p>
                })}
            </section>
        })}
        <section class="found-books" aria-labelledby="found-books">
            <h2 id="found-books">{t("search-books")}</h2>
            <PagedList info=found.books.info() noun=BOOKS keep=vec![("q", typed)]>
                <ul class="item-list book-list search-results">
                    {found.books.items.into_iter().map(|book| view! { <BookLine book/> }).collect_view()}
                </ul>
            </PagedList>
        </section>
    })
}

#[component]
fn AuthorLine(author: AuthorHit) -> impl IntoView {
    view! {
        <li><a href=format!("/catalog/author/{}", author.id)><Marks text=author.name/></a></li>
    }
}

#[component]
fn BookLine(book: BookHit) -> impl IntoView {
    view! {
        <li>
            <a class="title" href=format!("/catalog/book/{}", book.id)><Marks text=book.title/></a>
            {book.author_id.zip(book.author).map(|(id, name)| view! {
                " " <span class="by">"("<a href=format!("/catalog/author/{id}")><Marks text=name/></a>")"</span>
            })}
            {(!book.excerpt.is_empty()).then(|| view! { <p class="excerpt"><Marks text=book.excerpt/></p> })}
        </li>
    }
}

/// Text with its matched words in `<mark>`.
#[component]
fn Marks(text: Marked) -> impl IntoView {
    text.into_iter()
        .map(|piece| {
            if piece.mark {
                Either::Left(view! { <mark>{piece.text}</mark> })
            } else {
                Either::Right(piece.text)
            }
        })
        .collect_view()
}
