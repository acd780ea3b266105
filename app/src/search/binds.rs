//! A statement's bound values, collected while its SQL is written: each term of a search is
//! its own parameter (or, on SQLite, one expression parameter), never spliced into the text.
use sqlx::{any::AnyArguments, Any};

/// One value bound to a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// A statement's bound values in order: each `push` names its parameter (`$1`, `$2`, …).
#[derive(Debug, Default)]
pub struct Binds(pub Vec<Bind>);

impl Binds {
    /// Binds `value` and returns its parameter.
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.push(Bind::Text(value.into()))
    }

    /// Binds `value` and returns its parameter.
    pub fn int(&mut self, value: i64) -> String {
        self.push(Bind::Int(value))
    }

    fn push(&mut self, bind: Bind) -> String {
        self.0.push(bind);
        format!("${}", self.0.len())
    }
}

/// Binding every value of a [`Binds`] to a statement, whichever kind of query it is.
pub trait BindAll: Sized {
    fn bind_all(self, binds: Binds) -> Self;
}

impl<'q> BindAll for sqlx::query::Query<'q, Any, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}

impl<'q, O> BindAll for sqlx::query::QueryAs<'q, Any, O, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}

impl<'q, O> BindAll for sqlx::query::QueryScalar<'q, Any, O, AnyArguments<'q>> {
    fn bind_all(mut self, binds: Binds) -> Self {
        for bind in binds.0 {
            self = match bind {
                Bind::Text(text) => self.bind(text),
                Bind::Int(int) => self.bind(int),
            };
        }
        self
    }
}
