//! Every page but home lives in the WASM chunk of its group, fetched the first time the
//! browser opens one of the group's pages (or points at a link to one, see [`preload_for`]):
//! `lazy_catalog` (the catalog's lists and records), `lazy_visitor` (registering, the session
//! page, logging in, resetting a password), `lazy_member` (a member's own pages) and
//! `lazy_librarian` (lending, the change log, members, editing). Groups, not one chunk per
//! page: wasm-split gives every set of pages sharing code a file of its own, and with a chunk
//! per page a list page needed 80 files (BENCHMARKS.md, issue 22). Pages named here must not be
//! used anywhere in the main chunk's code (`scripts/check-wasm-size.sh` checks the split
//! manifest and the main chunk's functions for each).
use crate::{
    accounts::{
        devices_page::DevicesPage,
        login_page::LoginPage,
        logout_page::LogoutPage,
        password_pages::{PasswordChangePage, PasswordResetConfirmPage, PasswordResetPage},
    },
    catalog::{
        authors::{AuthorDetailPage, AuthorListPage},
        books::pages::{BookDetailPage, BookListPage},
        classes::{GenreDetailPage, GenreListPage, LanguageDetailPage, LanguageListPage},
        copies::{CopyDetailPage, CopyListPage},
    },
    editing::{
        book_page::BookEditPage,
        copies::{
            links::CopyEditLinks,
            pages::{CopyDeletePage, CopyEditPage},
        },
        pages::{AddLink, AuthorEditPage, DeletePage, EditLinks, NamedEditPage},
    },
    holds::{
        controls::HoldControls,
        lists::{HoldsPage, MyHolds},
    },
    lazy_page,
    loans::{
        copy_controls::LoanControls,
        list_pages::{BorrowedPage, ChangesPage, MyBooksPage},
        renew_page::RenewPage,
    },
    members::{add_page::AddMemberPage, list_page::MembersPage, member_page::MemberPage},
    search::page::SearchPage,
    visitor::{register_page::RegisterPage, session_page::SessionPage},
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

lazy_page! {
    /// `/accounts/login`.
    Login in lazy_visitor, view login_view, preload preload_login => view! { <LoginPage/> }
}
lazy_page! {
    /// `/accounts/logout`.
    Logout in lazy_member, view logout_view, preload preload_logout => view! { <LogoutPage/> }
}
lazy_page! {
    /// `/accounts/password_change`.
    PasswordChange in lazy_member, view password_change_view,
    preload preload_password_change => view! { <PasswordChangePage/> }
}
lazy_page! {
    /// `/accounts/password_reset`.
    PasswordReset in lazy_visitor, view password_reset_view,
    preload preload_password_reset => view! { <PasswordResetPage/> }
}
lazy_page! {
    /// `/accounts/reset/set-password`.
    PasswordResetConfirm in lazy_visitor, view password_reset_confirm_view,
    preload preload_password_reset_confirm => view! { <PasswordResetConfirmPage/> }
}
lazy_page! {
    /// `/accounts/sessions`.
    Devices in lazy_member, view devices_view, preload preload_devices => view! { <DevicesPage/> }
}
lazy_page! {
    /// `/accounts/members`.
    Members in lazy_librarian, view members_view, preload preload_members => view! { <MembersPage/> }
}
lazy_page! {
    /// `/accounts/members/create`.
    MemberAdd in lazy_librarian, view member_add_view,
    preload preload_member_add => view! { <AddMemberPage/> }
}
lazy_page! {
    /// `/accounts/members/:username`.
    MemberDetail in lazy_librarian, view member_detail_view,
    preload preload_member_detail => view! { <MemberPage/> }
}
lazy_page! {
    /// `/catalog/mybooks`.
    MyBooks in lazy_member, view my_books_view, preload preload_my_books => view! { <MyBooksPage/> <MyHolds/> }
}
lazy_page! {
    /// `/catalog/borrowed`.
    Borrowed in lazy_librarian, view borrowed_view, preload preload_borrowed => view! { <BorrowedPage/> }
}
lazy_page! {
    /// `/catalog/holds`.
    Holds in lazy_librarian, view holds_view, preload preload_holds => view! { <HoldsPage/> }
}
lazy_page! {
    /// `/catalog/changes`.
    Changes in lazy_librarian, view changes_view, preload preload_changes => view! { <ChangesPage/> }
}
lazy_page! {
    /// `/catalog/book/:id/renew`.
    Renew in lazy_librarian, view renew_view, preload preload_renew => view! { <RenewPage/> }
}
lazy_page! {
    /// `/catalog/book/create` and `/catalog/book/:id/update`.
    BookEdit in lazy_librarian, view book_edit_view, preload preload_book_edit => view! { <BookEditPage/> }
}
lazy_page! {
    /// `/catalog/author/create` and `/catalog/author/:id/update`.
    AuthorEdit in lazy_librarian, view author_edit_view,
    preload preload_author_edit => view! { <AuthorEditPage/> }
}
lazy_page! {
    /// `/catalog/genre/create` and `/catalog/genre/:id/update`.
    GenreEdit in lazy_librarian, view genre_edit_view,
    preload preload_genre_edit => view! { <NamedEditPage kind="genre"/> }
}
lazy_page! {
    /// `/catalog/language/create` and `/catalog/language/:id/update`.
    LanguageEdit in lazy_librarian, view language_edit_view,
    preload preload_language_edit => view! { <NamedEditPage kind="language"/> }
}
lazy_page! {
    /// `/catalog/book/:id/delete`.
    BookDelete in lazy_librarian, view book_delete_view,
    preload preload_book_delete => view! { <DeletePage kind="book"/> }
}
lazy_page! {
    /// `/catalog/author/:id/delete`.
    AuthorDelete in lazy_librarian, view author_delete_view,
    preload preload_author_delete => view! { <DeletePage kind="author"/> }
}
lazy_page! {
    /// `/catalog/genre/:id/delete`.
    GenreDelete in lazy_librarian, view genre_delete_view,
    preload preload_genre_delete => view! { <DeletePage kind="genre"/> }
}
lazy_page! {
    /// `/catalog/language/:id/delete`.
    LanguageDelete in lazy_librarian, view language_delete_view,
    preload preload_language_delete => view! { <DeletePage kind="language"/> }
}
lazy_page! {
    /// `/session`.
    Session in lazy_visitor, view session_view, preload preload_session => view! { <SessionPage/> }
}
lazy_page! {
    /// `/register`.
    Register in lazy_visitor, view register_view, preload preload_register => view! { <RegisterPage/> }
}
lazy_page! {
    /// `/catalog/search`.
    Search in lazy_catalog, view search_view, preload preload_search => view! { <SearchPage/> }
}
lazy_page! {
    /// `/catalog/books`.
    BookList in lazy_catalog, view book_list_view,
    preload preload_book_list => view! { <BookListPage/> <AddLink kind="book"/> }
}
lazy_page! {
    /// `/catalog/book/:id`.
    BookDetail in lazy_catalog, view book_detail_view,
    preload preload_book_detail => view! { <BookDetailPage/> <HoldControls/> <EditLinks kind="book"/> }
}
lazy_page! {
    /// `/catalog/authors`.
    AuthorList in lazy_catalog, view author_list_view,
    preload preload_author_list => view! { <AuthorListPage/> <AddLink kind="author"/> }
}
lazy_page! {
    /// `/catalog/author/:id`.
    AuthorDetail in lazy_catalog, view author_detail_view,
    preload preload_author_detail => view! { <AuthorDetailPage/> <EditLinks kind="author"/> }
}
lazy_page! {
    /// `/catalog/genres`.
    GenreList in lazy_catalog, view genre_list_view,
    preload preload_genre_list => view! { <GenreListPage/> <AddLink kind="genre"/> }
}
lazy_page! {
    /// `/catalog/genre/:id`.
    GenreDetail in lazy_catalog, view genre_detail_view,
    preload preload_genre_detail => view! { <GenreDetailPage/> <EditLinks kind="genre"/> }
}
lazy_page! {
    /// `/catalog/languages`.
    LanguageList in lazy_catalog, view language_list_view,
    preload preload_language_list => view! { <LanguageListPage/> <AddLink kind="language"/> }
}
lazy_page! {
    /// `/catalog/language/:id`.
    LanguageDetail in lazy_catalog, view language_detail_view,
    preload preload_language_detail => view! { <LanguageDetailPage/> <EditLinks kind="language"/> }
}
lazy_page! {
    /// `/catalog/bookinstances`.
    CopyList in lazy_catalog, view copy_list_view, preload preload_copy_list => view! { <CopyListPage/> }
}
lazy_page! {
    /// `/catalog/bookinstance/:id`.
    CopyDetail in lazy_catalog, view copy_detail_view,
    preload preload_copy_detail => view! { <CopyDetailPage/> <CopyEditLinks/> <LoanControls/> }
}
lazy_page! {
    /// `/catalog/book/:id/copy/create`.
    CopyCreate in lazy_librarian, view copy_create_view,
    preload preload_copy_create => view! { <CopyEditPage creating=true/> }
}
lazy_page! {
    /// `/catalog/bookinstance/:id/update`.
    CopyEdit in lazy_librarian, view copy_edit_view,
    preload preload_copy_edit => view! { <CopyEditPage creating=false/> }
}
lazy_page! {
    /// `/catalog/bookinstance/:id/delete`.
    CopyDelete in lazy_librarian, view copy_delete_view,
    preload preload_copy_delete => view! { <CopyDeletePage/> }
}

/// Starts fetching the chunk of the page at `path` (a link's address, query and fragment
/// ignored), so following the link does not wait for it. Does nothing for a page in the main
/// chunk or an address the site does not have.
pub fn preload_for(path: &str) {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    macro_rules! start {
        ($route:ty) => {
            leptos::task::spawn_local(<$route as LazyRoute>::preload())
        };
    }
    match segments.as_slice() {
        ["accounts", "login"] => start!(Login),
        ["accounts", "logout"] => start!(Logout),
        ["accounts", "password_change"] => start!(PasswordChange),
        ["accounts", "password_reset"] => start!(PasswordReset),
        ["accounts", "reset", "set-password"] => start!(PasswordResetConfirm),
        ["accounts", "sessions"] => start!(Devices),
        ["accounts", "members"] => start!(Members),
        ["accounts", "members", "create"] => start!(MemberAdd),
        ["accounts", "members", _] => start!(MemberDetail),
        ["register"] => start!(Register),
        ["session"] => start!(Session),
        ["catalog", "mybooks"] => start!(MyBooks),
        ["catalog", "borrowed"] => start!(Borrowed),
        ["catalog", "changes"] => start!(Changes),
        ["catalog", "holds"] => start!(Holds),
        ["catalog", "search"] => start!(Search),
        ["catalog", "books"] => start!(BookList),
        ["catalog", "authors"] => start!(AuthorList),
        ["catalog", "genres"] => start!(GenreList),
        ["catalog", "languages"] => start!(LanguageList),
        ["catalog", "bookinstances"] => start!(CopyList),
        ["catalog", "bookinstance", _] => start!(CopyDetail),
        ["catalog", "bookinstance", _, "update"] => start!(CopyEdit),
        ["catalog", "bookinstance", _, "delete"] => start!(CopyDelete),
        ["catalog", "book", _, "copy", "create"] => start!(CopyCreate),
        ["catalog", "book", "create"] | ["catalog", "book", _, "update"] => start!(BookEdit),
        ["catalog", "book", _, "renew"] => start!(Renew),
        ["catalog", "book", _, "delete"] => start!(BookDelete),
        ["catalog", "book", _] => start!(BookDetail),
        ["catalog", "author", "create"] | ["catalog", "author", _, "update"] => start!(AuthorEdit),
        ["catalog", "author", _, "delete"] => start!(AuthorDelete),
        ["catalog", "author", _] => start!(AuthorDetail),
        ["catalog", "genre", "create"] | ["catalog", "genre", _, "update"] => start!(GenreEdit),
        ["catalog", "genre", _, "delete"] => start!(GenreDelete),
        ["catalog", "genre", _] => start!(GenreDetail),
        ["catalog", "language", "create"] | ["catalog", "language", _, "update"] => {
            start!(LanguageEdit)
        }
        ["catalog", "language", _, "delete"] => start!(LanguageDelete),
        ["catalog", "language", _] => start!(LanguageDetail),
        _ => {}
    }
}
