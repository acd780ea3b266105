//! Ranked results without scoring every match: results come in tiers (a match in the title
//! before the author's name before the summary; within each, exact words before prefixes
//! before typos; then by id), each tier an engine expression read straight from the index in
//! id order. A page needs the totals (one statement for every index) and rows from the first
//! tiers that reach it, counting only the tiers it skips whole: the first page of even a
//! 7 000-book match is two statements after the plan's one (BENCHMARKS.md, "Search").
use super::{
    binds::{BindAll, Binds},
    engine::{count_sql, ids_sql},
    query::Plan,
    selection::{Index, Matching, Selection},
};
use crate::{
    server::db::{Dialect, Pool},
    ui::paging::Window,
};
use sqlx::any::AnyRow;

/// The tiers of `index` for `plan`, best first.
pub fn tiers(index: &Index, plan: &Plan) -> Vec<Matching> {
    let kinds = plan.kinds();
    let mut fields = Vec::new();
    let mut tiers = Vec::new();
    for rank in index.ranks {
        fields.extend_from_slice(rank);
        for &kind in &kinds {
            tiers.push(Matching {
                fields: fields.clone(),
                kind,
            });
        }
    }
    tiers
}

/// Everything `index` finds for `plan` (every field, every kind), or `None` when a word of
/// the plan matches no term at all.
pub fn everything(index: &Index, plan: &Plan) -> Option<Matching> {
    Some(Matching {
        fields: index.ranks.iter().flat_map(|r| r.iter().copied()).collect(),
        kind: *plan.kinds().last()?,
    })
}

/// How many rows each of `indexes` finds for `plan`, in one statement.
pub async fn totals(pool: &Pool, plan: &Plan, indexes: &[&Index]) -> Result<Vec<u64>, sqlx::Error> {
    let dialect = Dialect::of(pool);
    let mut counts = Vec::new();
    let mut binds = Binds::default();
    for index in indexes {
        match everything(index, plan) {
            Some(all) => {
                let selection = Selection {
                    take: &all,
                    skip: &[],
                };
                let count = count_sql(dialect, index, plan, selection, &mut binds);
                counts.push(format!("({count})"));
            }
            None => counts.push("0".into()),
        }
    }
    if binds.0.is_empty() {
        return Ok(vec![0; indexes.len()]);
    }
    let sql = format!("SELECT {}", counts.join(", "));
    let row: AnyRow = sqlx::query(&sql).bind_all(binds).fetch_one(pool).await?;
    use sqlx::Row;
    (0..indexes.len())
        .map(|i| Ok(row.try_get::<i64, _>(i)?.max(0) as u64))
        .collect()
}

/// The rows of one page of `index`'s results in rank order. `select` selects a row and ends
/// in `WHERE <id column>`; `order` is that id column.
pub async fn page_rows<T>(
    pool: &Pool,
    index: &Index,
    plan: &Plan,
    window: Window,
    select: &str,
    order: &str,
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    let dialect = Dialect::of(pool);
    let wanted = u64::from(window.per_page);
    let mut rows: Vec<T> = Vec::new();
    let mut skip = window.offset;
    // What earlier tiers took: matches grow with the fields and the kinds, so that is the
    // last tier of the previous fields plus the previous tier of these fields.
    let (mut previous_fields, mut previous_kind): (Option<Matching>, Option<Matching>) =
        (None, None);
    let mut fields_now = 0;
    for tier in tiers(index, plan) {
        if rows.len() as u64 >= wanted {
            break;
        }
        if tier.fields.len() != fields_now {
            fields_now = tier.fields.len();
            previous_fields = previous_kind.take().or(previous_fields);
        }
        let earlier: Vec<Matching> = previous_fields
            .iter()
            .chain(&previous_kind)
            .cloned()
            .collect();
        let only_here = Selection {
            take: &tier,
            skip: &earlier,
        };
        if skip > 0 {
            let mut binds = Binds::default();
            let sql = count_sql(dialect, index, plan, only_here, &mut binds);
            let here: i64 = sqlx::query_scalar(&sql)
                .bind_all(binds)
                .fetch_one(pool)
                .await?;
            let here = here.max(0) as u64;
            if here <= skip {
                skip -= here;
                previous_kind = Some(tier);
                continue;
            }
        }
        // The tier's ids and their rows in one statement.
        let mut binds = Binds::default();
        let limit = ((wanted - rows.len() as u64) as i64, skip as i64);
        let ids = ids_sql(dialect, index, plan, only_here, limit, &mut binds);
        let sql = format!("{select} IN ({ids}) ORDER BY {order}");
        let found: Vec<T> = sqlx::query_as(&sql).bind_all(binds).fetch_all(pool).await?;
        skip = 0;
        rows.extend(found);
        previous_kind = Some(tier);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{
        query::{Kind, QueryWord},
        selection::BOOKS,
    };

    #[test]
    fn tiers_go_field_by_field_then_kind_by_kind() {
        let plan = Plan {
            words: vec![QueryWord {
                exact: vec!["hobbit".into()],
                prefix: vec![],
                typo: vec!["habbit".into()],
            }],
        };
        let found = tiers(&BOOKS, &plan);
        let shape: Vec<(usize, Kind)> = found.iter().map(|t| (t.fields.len(), t.kind)).collect();
        assert_eq!(
            shape,
            [
                (2, Kind::Exact),
                (2, Kind::Typo),
                (3, Kind::Exact),
                (3, Kind::Typo),
                (4, Kind::Exact),
                (4, Kind::Typo)
            ]
        );
        assert_eq!(everything(&BOOKS, &plan).map(|m| m.kind), Some(Kind::Typo));
        let nothing = Plan {
            words: vec![QueryWord::default()],
        };
        assert!(tiers(&BOOKS, &nothing).is_empty() && everything(&BOOKS, &nothing).is_none());
    }
}
