//! Server side of the devices page: a user's sign-ins, and signing them out.
use super::{
    model::Device,
    service::{end_sign_ins, require_login},
    user_agent::describe,
};
use crate::{
    error::AppError,
    server::{
        context::AppContext,
        sign_ins::{self, Which},
    },
};

/// Unix seconds as "YYYY-MM-DD HH:MM UTC".
fn minute(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|at| {
            at.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_default()
}

/// The current user's sign-ins, this one marked.
pub async fn devices() -> Result<Vec<Device>, AppError> {
    let context = AppContext::current()?;
    let (login, _) = require_login("/accounts/sessions").await?;
    let rows = sign_ins::of_user(&context.pool, login.user_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| Device {
            id: row.id,
            signed_in_at: minute(row.signed_in_at),
            last_seen: minute(row.last_seen),
            browser: describe(&row.user_agent),
            address: row.client_address,
            this_device: row.token == login.sign_in,
        })
        .collect())
}

/// Signs out the sign-in listed as `id`, or every other one.
pub async fn sign_out(id: Option<i64>) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let (login, _) = require_login("/accounts/sessions").await?;
    let which = match id {
        Some(id) => Which::Id(id),
        None => Which::AllBut(&login.sign_in),
    };
    end_sign_ins(&context, login.user_id, which).await
}
