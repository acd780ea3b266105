//! The hold settings: how many holds a member may have, and how long a ready copy is kept.
use super::{setting::Setting, ConfigError};
use app::holds::HoldRules;

/// `MAX_HOLDS` (1–100, default 5), `HOLD_DAYS` (1–60, default 7), and `HOLD_SECONDS`, a test
/// setting that gives the hold period in seconds instead.
pub(super) fn from_settings(
    setting: &impl Fn(&'static str, &str) -> Setting,
) -> Result<HoldRules, ConfigError> {
    let max = setting("MAX_HOLDS", "5");
    let max_per_member: i64 = max.parse("a whole number of holds from 1 to 100")?;
    if !(1..=100).contains(&max_per_member) {
        return Err(max.error("must be from 1 to 100"));
    }
    let days = setting("HOLD_DAYS", "7");
    let hold_days: i64 = days.parse("a whole number of days from 1 to 60")?;
    if !(1..=60).contains(&hold_days) {
        return Err(days.error("must be from 1 to 60"));
    }
    let seconds = setting("HOLD_SECONDS", "");
    let ready_for_seconds = if seconds.value.is_empty() {
        hold_days * 86_400
    } else {
        let value: i64 = seconds.parse("a whole number of seconds (a setting for tests)")?;
        if value < 1 {
            return Err(seconds.error("must be at least 1"));
        }
        value
    };
    Ok(HoldRules {
        max_per_member,
        ready_for_seconds,
    })
}
