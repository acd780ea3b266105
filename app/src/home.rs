//! The home page: a welcome, the catalog's record counts and the visit counter.
use crate::{catalog::counts::CountsList, visits::counter::VisitCounter};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/` and `/catalog`.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Local Library Home"/>
        <h1>"Local Library Home"</h1>
        <p class="lead">
            "Welcome to LocalLibrary, a website developed by "
            <em>"Mozilla Developer Network"</em>
            " readers and rebuilt in Rust: a catalog of books, authors, genres and the copies "
            "you can borrow."
        </p>
        <h2>"Dynamic content"</h2>
        <p>"The library has the following record counts:"</p>
        <CountsList/>
        <VisitCounter/>
    }
}
