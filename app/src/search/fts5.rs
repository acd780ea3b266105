//! SQLite's engine: an FTS5 table per index (contentless, `ascii` tokenizer, so the terms of
//! `analyze` stay whole), queried by one match expression bound as one parameter.
use super::{
    query::Plan,
    selection::{Index, Matching, Selection},
};

/// `term` quoted for an FTS5 expression.
fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The expression selecting `matching`'s rows of `index`.
pub fn expression(index: &Index, plan: &Plan, matching: &Matching) -> String {
    // FTS5 reads no column lists for an expression without a column filter.
    let every_field = matching.fields.len() == index.field_count();
    let columns: Vec<&str> = matching.fields.iter().map(|f| f.column).collect();
    let per_word: Vec<String> = plan
        .words
        .iter()
        .map(|word| {
            let alternatives: Vec<String> =
                word.terms_up_to(matching.kind).map(|t| quoted(t)).collect();
            if every_field {
                format!("({})", alternatives.join(" OR "))
            } else {
                format!(
                    "{{{}}} : ({})",
                    columns.join(" "),
                    alternatives.join(" OR ")
                )
            }
        })
        .collect();
    per_word.join(" AND ")
}

/// The expression selecting `selection`'s rows of `index`.
pub fn selection(index: &Index, plan: &Plan, selection: Selection) -> String {
    let take = expression(index, plan, selection.take);
    if selection.skip.is_empty() {
        return take;
    }
    let skip: Vec<String> = selection
        .skip
        .iter()
        .map(|s| format!("({})", expression(index, plan, s)))
        .collect();
    format!("({take}) NOT ({})", skip.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{
        query::{Kind, QueryWord},
        selection::{AUTHOR, BOOKS, ISBN, SUMMARY, TITLE},
    };

    pub(crate) fn plan() -> Plan {
        Plan {
            words: vec![
                QueryWord {
                    exact: vec!["hobbit".into()],
                    prefix: vec![],
                    typo: vec!["habbit".into()],
                },
                QueryWord {
                    exact: vec!["say\"s".into()],
                    prefix: vec!["it's".into()],
                    typo: vec![],
                },
            ],
        }
    }

    #[test]
    fn expressions_quote_every_term() {
        let matching = Matching {
            fields: vec![TITLE, ISBN],
            kind: Kind::Typo,
        };
        assert_eq!(
            expression(&BOOKS, &plan(), &matching),
            "{title isbn} : (\"hobbit\" OR \"habbit\") AND {title isbn} : (\"say\"\"s\" OR \"it's\")"
        );
    }

    #[test]
    fn an_expression_over_every_field_has_no_column_filter() {
        let matching = Matching {
            fields: vec![TITLE, ISBN, AUTHOR, SUMMARY],
            kind: Kind::Exact,
        };
        assert_eq!(
            expression(&BOOKS, &plan(), &matching),
            "(\"hobbit\") AND (\"say\"\"s\")"
        );
    }

    #[test]
    fn a_selection_leaves_out_what_it_skips() {
        let take = Matching {
            fields: vec![TITLE, ISBN, AUTHOR],
            kind: Kind::Exact,
        };
        let skip = [Matching {
            fields: vec![TITLE, ISBN],
            kind: Kind::Exact,
        }];
        let plan = Plan {
            words: vec![QueryWord {
                exact: vec!["war".into()],
                ..QueryWord::default()
            }],
        };
        let none = Selection {
            take: &take,
            skip: &[],
        };
        assert_eq!(
            selection(&BOOKS, &plan, none),
            "{title isbn author} : (\"war\")"
        );
        let some = Selection {
            take: &take,
            skip: &skip,
        };
        assert_eq!(
            selection(&BOOKS, &plan, some),
            "({title isbn author} : (\"war\")) NOT (({title isbn} : (\"war\")))"
        );
    }
}
