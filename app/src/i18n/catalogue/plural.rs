//! Numbers in messages: CLDR cardinal plural categories of integers for the two languages, and
//! numbers written the way `fluent-bundle` 0.16 writes an `i64` (no grouping separators).
//!
//! `fluent-bundle` turns every number into an `f64`, so beyond 2^53 it writes and selects by the
//! nearest `f64`, printed as Rust prints floats (shortest digits, then zeros). Both are copied
//! here with integer arithmetic, so the WASM needs no float formatting.
use crate::i18n::Lang;
use std::fmt::Write;

/// The CLDR cardinal plural category of the integer `n` in `lang`: `one`, `few`, `many` or
/// `other`, named as Fluent variant keys name them.
pub fn category(lang: Lang, n: i64) -> &'static str {
    let i = magnitude(n);
    match lang {
        Lang::En if i == 1 => "one",
        Lang::En => "other",
        Lang::Ru => match (i % 10, i % 100) {
            (1, r) if r != 11 => "one",
            (2..=4, r) if !(12..=14).contains(&r) => "few",
            // Every other integer; CLDR's `other` is for fractions only.
            _ => "many",
        },
    }
}

/// `n` as `fluent-bundle` writes it: `12345`, `-3`, never `12,345`.
pub fn write_number(out: &mut String, n: i64) {
    let exact = n.unsigned_abs();
    let digits = if exact <= F64_EXACT {
        exact
    } else {
        shortest(magnitude(n))
    };
    if n < 0 {
        out.push('-');
    }
    let _ = write!(out, "{digits}");
}

/// Integers up to here are exact as `f64`, and Rust prints them digit for digit.
const F64_EXACT: u64 = 1 << 53;

/// `|n|` as Fluent sees it: rounded to the nearest `f64` (a no-op up to 2^53).
fn magnitude(n: i64) -> u64 {
    n.unsigned_abs() as f64 as u64
}

/// The integer Rust's `{}` shows for the `f64` `value` (an integer above 2^53): the fewest
/// significant digits that still read back as `value` (the nearer candidate first), then zeros.
fn shortest(value: u64) -> u64 {
    let float = value as f64;
    // Multiples of 10^19 are 0 or past 2^63: no value here reads back from one of them.
    let mut power = 1_000_000_000_000_000_000_u64;
    while power > 1 {
        let below = value / power * power;
        let above = below + power;
        let nearer_first = if value - below <= above - value {
            [below, above]
        } else {
            [above, below]
        };
        if let Some(found) = nearer_first.into_iter().find(|c| *c as f64 == float) {
            return found;
        }
        power /= 10;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(n: i64) -> String {
        let mut out = String::new();
        write_number(&mut out, n);
        out
    }

    #[test]
    fn numbers_are_written_as_rust_writes_them_as_f64() {
        let mut samples = vec![0, 1, -1, 12345, 1 << 53, (1 << 53) + 1, i64::MAX, i64::MIN];
        samples.extend((0..63).flat_map(|bit| [1i64 << bit, (1i64 << bit) - 1, -(1i64 << bit)]));
        // A fixed pseudo-random walk over the whole range.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            samples.push((x as i64) >> (x % 40));
        }
        for n in samples {
            assert_eq!(written(n), format!("{}", n as f64), "n = {n}");
        }
    }
}
