//! The account actions the header needs, created once: logging in and out, and who is logged
//! in. The devices page makes its own (nothing else follows them).
use super::api::{current_account, Account, LogIn, LogOut};
use crate::error::AppError;
use leptos::prelude::*;

/// Actions shared by the header, the login page and the logout page.
#[derive(Clone, Copy)]
pub struct AccountActions {
    pub log_in: ServerAction<LogIn>,
    pub log_out: ServerAction<LogOut>,
    /// The logged-in user, refetched whenever the login changes.
    pub account: Resource<Result<Option<Account>, AppError>>,
}

impl AccountActions {
    /// Creates the actions and the account resource; called once by the app shell.
    pub fn provide() {
        let log_in = ServerAction::<LogIn>::new();
        let log_out = ServerAction::<LogOut>::new();
        let account = Resource::new(
            move || (log_in.version().get(), log_out.version().get()),
            |_| current_account(),
        );
        provide_context(AccountActions {
            log_in,
            log_out,
            account,
        });
    }

    /// Changes whenever the login changes.
    pub fn version(&self) -> (usize, usize) {
        (self.log_in.version().get(), self.log_out.version().get())
    }
}
