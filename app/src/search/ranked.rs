//! Ranked results without scoring every match: results come in tiers (a match in the title
//! before the author's name before the summary; within each, exact words before prefixes
//! before typos; then by id), each tier an engine expression read straight from the index in
//! id order. A page needs the total (one count) and rows from the first tiers that reach it,
//! counting only the tiers it skips whole, so the first page of even a 7 000-book match costs
//! two index reads (BENCHMARKS.md, "Search").
use super::{
    engine::{count_sql, excluding, expression, ids_sql, Index, Matching},
    plan::{Kind, Plan},
};
use crate::{
    server::db::{Dialect, Pool},
    ui::paging::Window,
};

/// The tiers of `index` for `plan`, best first, as (matching, what earlier tiers took).
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

/// Everything `index` finds for `plan`: every field, every kind.
pub fn everything(index: &Index, plan: &Plan) -> Matching {
    Matching {
        fields: index.ranks.iter().flat_map(|r| r.iter().copied()).collect(),
        kind: *plan.kinds().last().unwrap_or(&Kind::Exact),
    }
}

/// One page of ids in rank order.
#[derive(Debug)]
pub struct Ranked {
    pub window: Window,
    /// How many rows match in all.
    pub total: u64,
    pub ids: Vec<i64>,
}

/// One page of ids in rank order, with its window over the total.
pub async fn ranked_ids(
    pool: &Pool,
    index: &Index,
    plan: &Plan,
    requested_page: u32,
    per_page: u32,
) -> Result<Ranked, sqlx::Error> {
    let dialect = Dialect::of(pool);
    let total = count(
        pool,
        index,
        &expression(dialect, plan, &everything(index, plan)),
    )
    .await?;
    let window = Window::new(requested_page, per_page, total);
    let mut ids = Vec::new();
    if total == 0 {
        return Ok(Ranked { window, total, ids });
    }
    let mut skip = window.offset;
    // What earlier tiers took: matches grow with the fields and the kinds, so that is the
    // last tier of the previous fields plus the previous tier of these fields.
    let (mut previous_fields, mut previous_kind): (Option<String>, Option<String>) = (None, None);
    let mut fields_now = 0;
    for tier in tiers(index, plan) {
        if ids.len() as u64 >= u64::from(window.per_page) {
            break;
        }
        if tier.fields.len() != fields_now {
            fields_now = tier.fields.len();
            previous_fields = previous_kind.take().or(previous_fields);
        }
        let this = expression(dialect, plan, &tier);
        let earlier: Vec<String> = previous_fields
            .iter()
            .chain(&previous_kind)
            .cloned()
            .collect();
        let only_here = excluding(dialect, this.clone(), &earlier);
        previous_kind = Some(this);
        if skip > 0 {
            let here = count(pool, index, &only_here).await?;
            if here <= skip {
                skip -= here;
                continue;
            }
        }
        let wanted = u64::from(window.per_page) - ids.len() as u64;
        let found: Vec<i64> = sqlx::query_scalar(&ids_sql(dialect, index))
            .bind(only_here)
            .bind(wanted as i64)
            .bind(skip as i64)
            .fetch_all(pool)
            .await?;
        skip = 0;
        ids.extend(found);
    }
    Ok(Ranked { window, total, ids })
}

/// Counts the rows `expression` selects.
pub async fn count(pool: &Pool, index: &Index, expression: &str) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(&count_sql(Dialect::of(pool), index))
        .bind(expression)
        .fetch_one(pool)
        .await?;
    Ok(n.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{engine::BOOKS, plan::QueryWord};

    #[test]
    fn tiers_go_field_by_field_then_kind_by_kind() {
        let plan = Plan {
            words: vec![QueryWord {
                exact: vec!["hobbit".into()],
                prefix: vec![],
                typo: vec!["habbit".into()],
            }],
        };
        let tiers = tiers(&BOOKS, &plan);
        let shape: Vec<(usize, Kind)> = tiers.iter().map(|t| (t.fields.len(), t.kind)).collect();
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
        assert_eq!(everything(&BOOKS, &plan).kind, Kind::Typo);
    }
}
