//! The pages most visitors never open, each in its own WASM chunk: the browser fetches a chunk
//! the first time it goes to one of its pages. Pages named here must not be used anywhere in
//! the main chunk's code (`scripts/check-wasm-size.sh` checks the split manifest for each).
use crate::{
    accounts::{
        devices_page::DevicesPage,
        login_page::LoginPage,
        logout_page::LogoutPage,
        members_page::MembersPage,
        password_pages::{PasswordChangePage, PasswordResetConfirmPage, PasswordResetPage},
    },
    editing::{
        book_page::BookEditPage,
        pages::{AuthorEditPage, DeletePage, NamedEditPage},
    },
    lazy_page,
    loans::{
        list_pages::{BorrowedPage, ChangesPage, MyBooksPage},
        renew_page::RenewPage,
    },
    visitor::{register_page::RegisterPage, session_page::SessionPage},
};
use leptos::prelude::*;

lazy_page! {
    /// `/accounts/login`.
    Login in lazy_login, view login_view, preload preload_login => view! { <LoginPage/> }
}
lazy_page! {
    /// `/accounts/logout`.
    Logout in lazy_logout, view logout_view, preload preload_logout => view! { <LogoutPage/> }
}
lazy_page! {
    /// `/accounts/password_change`.
    PasswordChange in lazy_password_change, view password_change_view,
    preload preload_password_change => view! { <PasswordChangePage/> }
}
lazy_page! {
    /// `/accounts/password_reset`.
    PasswordReset in lazy_password_reset, view password_reset_view,
    preload preload_password_reset => view! { <PasswordResetPage/> }
}
lazy_page! {
    /// `/accounts/reset/set-password`.
    PasswordResetConfirm in lazy_password_reset_confirm, view password_reset_confirm_view,
    preload preload_password_reset_confirm => view! { <PasswordResetConfirmPage/> }
}
lazy_page! {
    /// `/accounts/sessions`.
    Devices in lazy_devices, view devices_view, preload preload_devices => view! { <DevicesPage/> }
}
lazy_page! {
    /// `/accounts/members`.
    Members in lazy_members, view members_view, preload preload_members => view! { <MembersPage/> }
}
lazy_page! {
    /// `/catalog/mybooks`.
    MyBooks in lazy_my_books, view my_books_view, preload preload_my_books => view! { <MyBooksPage/> }
}
lazy_page! {
    /// `/catalog/borrowed`.
    Borrowed in lazy_borrowed, view borrowed_view, preload preload_borrowed => view! { <BorrowedPage/> }
}
lazy_page! {
    /// `/catalog/changes`.
    Changes in lazy_changes, view changes_view, preload preload_changes => view! { <ChangesPage/> }
}
lazy_page! {
    /// `/catalog/book/:id/renew`.
    Renew in lazy_renew, view renew_view, preload preload_renew => view! { <RenewPage/> }
}
lazy_page! {
    /// `/catalog/book/create` and `/catalog/book/:id/update`.
    BookEdit in lazy_book_edit, view book_edit_view, preload preload_book_edit => view! { <BookEditPage/> }
}
lazy_page! {
    /// `/catalog/author/create` and `/catalog/author/:id/update`.
    AuthorEdit in lazy_author_edit, view author_edit_view,
    preload preload_author_edit => view! { <AuthorEditPage/> }
}
lazy_page! {
    /// `/catalog/genre/create` and `/catalog/genre/:id/update`.
    GenreEdit in lazy_named_edit, view genre_edit_view,
    preload preload_genre_edit => view! { <NamedEditPage kind="genre"/> }
}
lazy_page! {
    /// `/catalog/language/create` and `/catalog/language/:id/update`.
    LanguageEdit in lazy_named_edit, view language_edit_view,
    preload preload_language_edit => view! { <NamedEditPage kind="language"/> }
}
lazy_page! {
    /// `/catalog/book/:id/delete`.
    BookDelete in lazy_delete, view book_delete_view,
    preload preload_book_delete => view! { <DeletePage kind="book"/> }
}
lazy_page! {
    /// `/catalog/author/:id/delete`.
    AuthorDelete in lazy_delete, view author_delete_view,
    preload preload_author_delete => view! { <DeletePage kind="author"/> }
}
lazy_page! {
    /// `/catalog/genre/:id/delete`.
    GenreDelete in lazy_delete, view genre_delete_view,
    preload preload_genre_delete => view! { <DeletePage kind="genre"/> }
}
lazy_page! {
    /// `/catalog/language/:id/delete`.
    LanguageDelete in lazy_delete, view language_delete_view,
    preload preload_language_delete => view! { <DeletePage kind="language"/> }
}
lazy_page! {
    /// `/session`.
    Session in lazy_session, view session_view, preload preload_session => view! { <SessionPage/> }
}
lazy_page! {
    /// `/register`.
    Register in lazy_register, view register_view, preload preload_register => view! { <RegisterPage/> }
}
