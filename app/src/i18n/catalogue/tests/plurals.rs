//! The plural rules against CLDR's own integer examples (`plurals.xml`, `@integer` samples).
use crate::i18n::{catalogue::plural::category, Lang};

const CLDR_EXAMPLES: &[(Lang, &str, &[i64])] = &[
    (Lang::En, "one", &[1]),
    (
        Lang::En,
        "other",
        &[
            0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 100, 1000, 10000, 100000,
            1000000,
        ],
    ),
    (Lang::Ru, "one", &[1, 21, 31, 41, 51, 61, 71, 81, 101, 1001]),
    (
        Lang::Ru,
        "few",
        &[
            2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 43, 44, 52, 53, 54, 62, 102, 1002,
        ],
    ),
    (
        Lang::Ru,
        "many",
        &[
            0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100, 1000, 10000, 100000,
            1000000,
        ],
    ),
];

#[test]
fn plural_categories_follow_the_cldr_examples() {
    for (lang, expected, numbers) in CLDR_EXAMPLES {
        for &n in *numbers {
            assert_eq!(category(*lang, n), *expected, "{lang:?} {n}");
            // Fluent chooses by the absolute value.
            assert_eq!(category(*lang, -n), *expected, "{lang:?} -{n}");
        }
    }
}

#[test]
fn russian_has_no_other_for_integers_and_english_no_few_or_many() {
    for n in 0..=10_000 {
        assert_ne!(category(Lang::Ru, n), "other", "{n}");
        assert!(matches!(category(Lang::En, n), "one" | "other"), "{n}");
    }
}
