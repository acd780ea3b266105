//! The loan actions, created once and shared by the lists, the renewal form and a copy's page.
use super::api::{Lend, MarkReturned, Renew};
use leptos::prelude::*;

/// Actions shared by the loan pages.
#[derive(Clone, Copy)]
pub struct LoanActions {
    pub renew: ServerAction<Renew>,
    pub lend: ServerAction<Lend>,
    pub returned: ServerAction<MarkReturned>,
}

impl LoanActions {
    /// Creates the actions; called once by the app shell.
    pub fn provide() {
        provide_context(LoanActions {
            renew: ServerAction::new(),
            lend: ServerAction::new(),
            returned: ServerAction::new(),
        });
    }

    /// Changes whenever a loan changes; lists keyed on it refetch.
    pub fn version(&self) -> Signal<usize> {
        let (renew, lend, returned) = (self.renew, self.lend, self.returned);
        Signal::derive(move || {
            renew.version().get() + lend.version().get() + returned.version().get()
        })
    }
}
