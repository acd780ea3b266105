//! The hold settings every server reads at start (`MAX_HOLDS`, `HOLD_DAYS`): here, beside the
//! other per-process state, so the request context needs nothing from the holds feature.

/// How many holds a member may have, and how long a ready copy waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldRules {
    /// `MAX_HOLDS` (default 5).
    pub max_per_member: i64,
    /// `HOLD_DAYS` (default 7) in seconds (`HOLD_SECONDS`, for tests, sets it directly).
    pub ready_for_seconds: i64,
}

impl Default for HoldRules {
    fn default() -> Self {
        Self {
            max_per_member: 5,
            ready_for_seconds: 7 * 86_400,
        }
    }
}
