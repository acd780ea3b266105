//! The backup's progress bar: how far the copy has grown against the size it should reach.
use indicatif::{ProgressBar, ProgressStyle};

/// The size a compacted copy should reach: the database's pages minus its free ones.
pub fn estimated_size(page_count: i64, freelist_count: i64, page_size: i64) -> u64 {
    let pages = page_count.saturating_sub(freelist_count).max(0) as u64;
    pages.saturating_mul(page_size.max(0) as u64)
}

/// Where the bar stands with `written` bytes of an `estimate`: never full before the copy has
/// finished, since the estimate can be short (the server keeps writing) or long.
pub fn shown_position(written: u64, estimate: u64) -> u64 {
    written.min(estimate.saturating_mul(99) / 100)
}

/// A bar on standard error (hidden when that is not a terminal), leaving standard output to the
/// final message.
pub fn bar(estimate: u64) -> ProgressBar {
    let bar = ProgressBar::new(estimate.max(1));
    if let Ok(style) =
        ProgressStyle::with_template("copying {bar:40} {percent:>3}% {bytes}/{total_bytes}")
    {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_leaves_out_free_pages() {
        assert_eq!(estimated_size(100, 10, 4096), 90 * 4096);
        assert_eq!(estimated_size(0, 0, 4096), 0);
        // Nonsense from a damaged header must not wrap around.
        assert_eq!(estimated_size(5, 10, 4096), 0);
        assert_eq!(estimated_size(5, 0, -1), 0);
    }

    #[test]
    fn bar_stays_below_full_until_the_copy_ends() {
        assert_eq!(shown_position(0, 1000), 0);
        assert_eq!(shown_position(500, 1000), 500);
        assert_eq!(shown_position(990, 1000), 990);
        assert_eq!(shown_position(1000, 1000), 990);
        assert_eq!(shown_position(5000, 1000), 990);
        assert_eq!(shown_position(10, 0), 0);
    }
}
