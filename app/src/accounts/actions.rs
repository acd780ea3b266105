//! The account actions, created once and shared by the header and the account pages.
use super::api::{current_account, Account, LogIn, LogOut, SignOutDevice, SignOutOthers};
use crate::error::AppError;
use leptos::prelude::*;

/// Actions shared by the header, the login page and the devices page.
#[derive(Clone, Copy)]
pub struct AccountActions {
    pub log_in: ServerAction<LogIn>,
    pub log_out: ServerAction<LogOut>,
    pub sign_out_device: ServerAction<SignOutDevice>,
    pub sign_out_others: ServerAction<SignOutOthers>,
    /// The logged-in user, refetched whenever the login changes.
    pub account: Resource<Result<Option<Account>, AppError>>,
}

impl AccountActions {
    /// Creates the actions and the account resource; called once by the app shell.
    pub fn provide() {
        let log_in = ServerAction::<LogIn>::new();
        let log_out = ServerAction::<LogOut>::new();
        let sign_out_device = ServerAction::<SignOutDevice>::new();
        let sign_out_others = ServerAction::<SignOutOthers>::new();
        let account = Resource::new(
            move || (log_in.version().get(), log_out.version().get()),
            |_| current_account(),
        );
        provide_context(AccountActions {
            log_in,
            log_out,
            sign_out_device,
            sign_out_others,
            account,
        });
    }

    /// Changes whenever the login or the list of devices changes.
    pub fn version(&self) -> (usize, usize, usize, usize) {
        (
            self.log_in.version().get(),
            self.log_out.version().get(),
            self.sign_out_device.version().get(),
            self.sign_out_others.version().get(),
        )
    }
}
