//! What the loan server functions answer with (the pages and the server side share these).
use crate::i18n::{dates::long_date, key, text, Lang, Msg};
use serde::{Deserialize, Serialize};

/// One copy on loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Loan {
    pub copy_id: String,
    pub book_id: i64,
    pub book_title: String,
    /// `YYYY-MM-DD`.
    pub due_back: Option<String>,
    /// The borrower's username (librarians' list only).
    pub borrower: Option<String>,
    /// Due before today (1) or not (0): an integer, as both databases return it.
    pub overdue: i64,
}

/// What the renewal form needs: the loan, today, and the default new due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalData {
    pub loan: Loan,
    /// Today as days since 1970-01-01 (the server's date, so the browser checks the same rule).
    pub today: i64,
    /// Three weeks from today, `YYYY-MM-DD`.
    pub default_due: String,
}

/// A copy's loan as a librarian manages it on the copy's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyLoanState {
    pub copy_id: String,
    /// `a` available, `o` on loan, others cannot be lent.
    pub status: String,
    pub borrower: Option<String>,
    pub due_back: Option<String>,
    /// Three weeks from today, the lend form's default due date.
    pub default_due: String,
}

/// One entry of the change log. `action` and `detail` are stored as written when the change was
/// made (a log, in English: `lend`, `copy … to … until 2026-12-09`); the page translates the
/// ones it knows when it shows them, and shows any other as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Change {
    /// Unix seconds.
    pub at: i64,
    pub username: String,
    pub action: String,
    pub detail: String,
}

/// The logged detail of a renewal: the copy and its new due date (`YYYY-MM-DD`).
pub fn renew_detail(copy: &str, due: &str) -> String {
    format!("copy {copy} due back {due}")
}

/// The logged detail of a loan: the copy, the borrower's username and the due date.
pub fn lend_detail(copy: &str, borrower: &str, due: &str) -> String {
    format!("copy {copy} to {borrower} until {due}")
}

/// The logged detail of a return: the copy.
pub fn return_detail(copy: &str) -> String {
    format!("copy {copy}")
}

/// A copy id as a logged detail writes it (one word).
fn copy_id(text: &str) -> Option<&str> {
    Some(text).filter(|id| !id.is_empty() && !id.contains(' '))
}

impl Change {
    /// When, in `lang`: the date in its long form and the time of day, UTC.
    pub fn when(&self, lang: Lang) -> String {
        let date = super::dates::format_date(self.at.div_euclid(86_400));
        let time = format!(
            "{:02}:{:02}",
            self.at.rem_euclid(86_400) / 3600,
            self.at.rem_euclid(3600) / 60
        );
        Msg::new("loans-change-when")
            .with("date", long_date(lang, &date))
            .with("time", time)
            .text(lang)
    }

    /// The action in `lang` (`lend`, `save author`…); one the page does not know, as stored.
    pub fn action_text(&self, lang: Lang) -> String {
        let action_key = match self.action.as_str() {
            "lend" => key("loans-action-lend"),
            "renew" => key("loans-action-renew"),
            "return" => key("loans-action-return"),
            "save book" => key("loans-action-save-book"),
            "save author" => key("loans-action-save-author"),
            "save genre" => key("loans-action-save-genre"),
            "save language" => key("loans-action-save-language"),
            "delete book" => key("loans-action-delete-book"),
            "delete author" => key("loans-action-delete-author"),
            "delete genre" => key("loans-action-delete-genre"),
            "delete language" => key("loans-action-delete-language"),
            "add copy" => key("loans-action-add-copy"),
            "save copy" => key("loans-action-save-copy"),
            "delete copy" => key("loans-action-delete-copy"),
            "add member" => key("loans-action-add-member"),
            "place hold" => key("loans-action-place-hold"),
            "cancel hold" => key("loans-action-cancel-hold"),
            "hold expired" => key("loans-action-hold-expired"),
            "keep copy" => key("loans-action-keep-copy"),
            "remove member" => key("loans-action-remove-member"),
            "make librarian" => key("loans-action-make-librarian"),
            "make member" => key("loans-action-make-member"),
            "deactivate" => key("loans-action-deactivate"),
            "reactivate" => key("loans-action-reactivate"),
            other => return other.to_string(),
        };
        text(lang, action_key)
    }

    /// The detail in `lang`, with its dates in their long form. The catalog's edits log an id
    /// and a name, which need no words; anything not understood is shown as stored.
    pub fn detail_text(&self, lang: Lang) -> String {
        let detail = self.detail.as_str();
        let msg = match self.action.as_str() {
            "lend" => detail.strip_prefix("copy ").and_then(|rest| {
                let (copy, rest) = rest.split_once(" to ")?;
                let (borrower, due) = rest.rsplit_once(" until ")?;
                Some(
                    Msg::new("loans-change-lent")
                        .with("copy", copy_id(copy)?)
                        .with("borrower", borrower)
                        .with("date", long_date(lang, due)),
                )
            }),
            "renew" => detail.strip_prefix("copy ").and_then(|rest| {
                let (copy, due) = rest.split_once(" due back ")?;
                Some(
                    Msg::new("loans-change-renewed")
                        .with("copy", copy_id(copy)?)
                        .with("date", long_date(lang, due)),
                )
            }),
            "return" => detail
                .strip_prefix("copy ")
                .and_then(copy_id)
                .map(|copy| Msg::new("loans-change-returned").with("copy", copy)),
            _ => None,
        };
        msg.map_or_else(|| detail.to_string(), |msg| msg.text(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COPY: &str = "0b7e2c9a-1f34-4d2e-9a51-6c3d8e4f7a10";

    fn change(action: &str, detail: String) -> Change {
        Change {
            // 2026-11-25 14:03:07 UTC.
            at: 1_795_615_387,
            username: "marian".into(),
            action: action.into(),
            detail,
        }
    }

    #[test]
    fn logged_loans_read_as_before_in_english_with_long_dates() {
        let en = Lang::En;
        let lent = change("lend", lend_detail(COPY, "ada", "2026-12-09"));
        assert_eq!(lent.action_text(en), "lend");
        assert_eq!(
            lent.detail_text(en),
            format!("copy {COPY} to ada until December 9, 2026")
        );
        assert_eq!(lent.when(en), "November 25, 2026 14:03 UTC");
        let renewed = change("renew", renew_detail(COPY, "2026-12-16"));
        assert_eq!(
            renewed.detail_text(en),
            format!("copy {COPY} due back December 16, 2026")
        );
        let returned = change("return", return_detail(COPY));
        assert_eq!(returned.action_text(en), "return");
        assert_eq!(returned.detail_text(en), format!("copy {COPY}"));
        let saved = change("save genre", "12: Solarpunk".into());
        assert_eq!(saved.action_text(en), "save genre");
        assert_eq!(saved.detail_text(en), "12: Solarpunk");
    }

    #[test]
    fn logged_loans_are_translated() {
        let ru = Lang::Ru;
        let lent = change("lend", lend_detail(COPY, "ada", "2026-12-09"));
        assert_eq!(lent.action_text(ru), "выдача");
        assert_eq!(
            lent.detail_text(ru),
            format!("экземпляр {COPY} читателю ada до 9 декабря 2026 г.")
        );
        assert_eq!(lent.when(ru), "25 ноября 2026 г., 14:03 UTC");
        assert_eq!(
            change("delete author", "3".into()).action_text(ru),
            "удаление автора"
        );
    }

    #[test]
    fn unknown_entries_are_shown_as_stored() {
        let ru = Lang::Ru;
        let odd = change("import", "copy x y".into());
        assert_eq!(odd.action_text(ru), "import");
        assert_eq!(odd.detail_text(ru), "copy x y");
        assert_eq!(change("lend", "copy".into()).detail_text(ru), "copy");
        assert_eq!(
            change("renew", "copy a b due back 2026-01-01".into()).detail_text(ru),
            "copy a b due back 2026-01-01"
        );
    }
}
