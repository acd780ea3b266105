//! The visitor's actions, created once and shared by the header and the visitor pages.
use super::api::{current_visitor, ForgetEverything, ForgetMe, Register, Visitor};
use crate::{accounts::AccountActions, error::AppError};
use leptos::prelude::*;

/// Actions shared by the header, the register page and the session page.
#[derive(Clone, Copy)]
pub struct VisitorActions {
    pub register: ServerAction<Register>,
    pub forget: ServerAction<ForgetMe>,
    pub forget_all: ServerAction<ForgetEverything>,
    /// The current visitor, refetched whenever either action completes.
    pub visitor: Resource<Result<Option<Visitor>, AppError>>,
}

impl VisitorActions {
    /// Creates the actions and the visitor resource; called once by the app shell.
    pub fn provide() {
        let register = ServerAction::<Register>::new();
        let forget = ServerAction::<ForgetMe>::new();
        let forget_all = ServerAction::<ForgetEverything>::new();
        let account = expect_context::<AccountActions>();
        let visitor = Resource::new(
            move || {
                (
                    Self::versions(register, forget, forget_all),
                    account.version(),
                )
            },
            |_| current_visitor(),
        );
        // "Forget everything" also logs out: the header's account part must hear of it.
        Effect::new(move |_| {
            if forget_all.version().get() > 0 {
                account.account.refetch();
            }
        });
        provide_context(VisitorActions {
            register,
            forget,
            forget_all,
            visitor,
        });
    }

    /// Changes whenever any of the actions completes; resources keyed on it refetch.
    pub fn version(&self) -> (usize, usize, usize) {
        Self::versions(self.register, self.forget, self.forget_all)
    }

    fn versions(
        register: ServerAction<Register>,
        forget: ServerAction<ForgetMe>,
        forget_all: ServerAction<ForgetEverything>,
    ) -> (usize, usize, usize) {
        (
            register.version().get(),
            forget.version().get(),
            forget_all.version().get(),
        )
    }
}
