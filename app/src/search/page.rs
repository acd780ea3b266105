//! `/catalog/search`: authors and books ranked for the query in the address, with the words
//! that matched marked. The first answer comes with the page (rendered on the server, then
//! hydrated); after that each change of the query sends one request and aborts the one before,
//! so an older answer never replaces a newer one.
use super::{
    api::search_catalog,
    model::{AuthorHit, BookHit, Marked, SearchResults},
};
use crate::{
    error::AppError,
    i18n::{page_title, t, tm, Msg},
    ui::{
        async_view::AsyncView,
        error_page::render_result,
        page_size,
        paging::{Noun, PagedList},
    },
};
use futures::future::{abortable, AbortHandle};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the book results hold.
const BOOKS: Noun = Noun::new("list-total-books");

/// What is asked: the query and page in the address, and the page-size choice's version.
type Asked = ((String, Option<String>), usize);

/// An answer and the query it answers.
type Answer = (String, Result<Option<SearchResults>, AppError>);

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let query = query.read();
        (query.get("q").unwrap_or_default(), query.get("page"))
    };
    let size_changes = page_size::provide_action().version();
    let in_flight = StoredValue::new(None::<AbortHandle>);
    let (first_q, first_page) = asked_untracked(query);
    let typed_first = first_q.clone();
    let first = Resource::new(
        || (),
        move |_| {
            let (call, handle) =
                abortable(search_catalog(Some(first_q.clone()), first_page.clone()));
            in_flight.set_value(Some(handle));
            async move { call.await.unwrap_or(Err(AppError::Unavailable)) }
        },
    );
    let live = RwSignal::new(None::<Answer>);
    follow_changes(move || (asked(), size_changes.get()), in_flight, live);
    view! {
        <Title text=page_title("search-heading")/>
        <h1>{t("search-heading")}</h1>
        {move || match live.get() {
            Some((typed, found)) => {
                render_result(found.map(|found| view! { <Found found typed/> })).into_any()
            }
            None => {
                let typed = typed_first.clone();
                view! {
                    <AsyncView resource=first loading="search-loading"
                        ready=move |found| view! { <Found found typed=typed.clone()/> }/>
                }
                .into_any()
            }
        }}
    }
}

/// The query in the address now, without subscribing to it.
fn asked_untracked(query: Memo<leptos_router::params::ParamsMap>) -> (String, Option<String>) {
    let query = query.read_untracked();
    (query.get("q").unwrap_or_default(), query.get("page"))
}

/// Searches again whenever `source` changes after the first render: aborts the request in
/// flight (the browser cancels it) and shows the new answer in `live` when it comes.
fn follow_changes(
    source: impl Fn() -> Asked + 'static,
    in_flight: StoredValue<Option<AbortHandle>>,
    live: RwSignal<Option<Answer>>,
) {
    Effect::new(move |previous: Option<Asked>| {
        let now = source();
        if previous.is_some_and(|previous| previous != now) {
            if let Some(handle) = in_flight.get_value() {
                handle.abort();
            }
            let ((q, page), _) = now.clone();
            let (call, handle) = abortable(search_catalog(Some(q.clone()), page));
            in_flight.set_value(Some(handle));
            leptos::task::spawn_local(async move {
                // An aborted call sets nothing: a newer one is on its way.
                if let Ok(found) = call.await {
                    live.set(Some((q, found)));
                }
            });
        }
        now
    });
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
