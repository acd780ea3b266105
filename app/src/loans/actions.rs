//! The loan actions, made by the page that shows them (the lists, the renewal form, a copy's
//! page): no other page follows a loan as it changes, so the first load carries none of them.
use super::api::{Lend, MarkReturned, Renew};
use leptos::prelude::*;

/// A loan page's actions.
#[derive(Clone, Copy)]
pub struct LoanActions {
    pub renew: ServerAction<Renew>,
    pub lend: ServerAction<Lend>,
    pub returned: ServerAction<MarkReturned>,
}

impl LoanActions {
    /// Creates the actions, owned by the calling page.
    pub fn new() -> Self {
        LoanActions {
            renew: ServerAction::new(),
            lend: ServerAction::new(),
            returned: ServerAction::new(),
        }
    }

    /// Changes whenever a loan changes; lists keyed on it refetch.
    pub fn version(&self) -> Signal<usize> {
        let (renew, lend, returned) = (self.renew, self.lend, self.returned);
        Signal::derive(move || {
            renew.version().get() + lend.version().get() + returned.version().get()
        })
    }
}

impl Default for LoanActions {
    fn default() -> Self {
        Self::new()
    }
}
