//! The visitor's header action ("Forget me") and the visitor it shows, created once. The
//! register and session pages make their own actions and refetch the visitor when one completes,
//! so the first load carries neither.
use super::api::{current_visitor, ForgetMe, Visitor};
use crate::{accounts::AccountActions, error::AppError};
use leptos::prelude::*;

/// The header's action and visitor, shared with the register and session pages.
#[derive(Clone, Copy)]
pub struct VisitorActions {
    pub forget: ServerAction<ForgetMe>,
    /// The current visitor, refetched whenever "Forget me" or the login completes (and by the
    /// pages whose own actions change it).
    pub visitor: Resource<Result<Option<Visitor>, AppError>>,
}

impl VisitorActions {
    /// Creates the action and the visitor resource; called once by the app shell.
    pub fn provide() {
        let forget = ServerAction::<ForgetMe>::new();
        let account = expect_context::<AccountActions>();
        let visitor = Resource::new(
            move || (forget.version().get(), account.version()),
            |_| current_visitor(),
        );
        provide_context(VisitorActions { forget, visitor });
    }

    /// Asks the server for the visitor again each time `version` moves past zero: how a page's
    /// own action (registering, forgetting everything) reaches the header.
    pub fn refetch_after(&self, version: impl Fn() -> usize + 'static) {
        let visitor = self.visitor;
        Effect::new(move |_| {
            if version() > 0 {
                visitor.refetch();
            }
        });
    }
}
