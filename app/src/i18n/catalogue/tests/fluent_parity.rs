//! Every message of both languages reads exactly as `fluent-bundle` 0.16 renders it (isolation
//! marks off, as the site had them), whatever the arguments: none, text, or numbers.
use super::{ftl_sources, message_ids};
use crate::i18n::{
    catalogue::{plural, text, text_with, Arg, KEYS},
    Lang,
};
use fluent_templates::{
    fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue},
    LanguageIdentifier,
};
use std::collections::BTreeSet;

/// The numbers every message is rendered with.
const NUMBERS: [i64; 15] = [0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1000];
/// Beyond them: negatives, grouping, and where `fluent-bundle` rounds through `f64`.
const EDGE_NUMBERS: [i64; 8] = [
    -1,
    -22,
    12345,
    1_234_567,
    1 << 53,
    (1 << 53) + 1,
    i64::MAX,
    i64::MIN,
];
/// Text with what an escape or a second pass over the output would trip on.
const SAMPLE: &str = "«Мастер» & \"Margarita\" {$count} \\ <b>";

fn bundle(lang: Lang, sources: impl IntoIterator<Item = String>) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().expect("a language id");
    let mut bundle = FluentBundle::new(vec![id]);
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new(source).expect("the catalogues parse");
        bundle
            .add_resource(resource)
            .expect("no id is defined twice");
    }
    bundle
}

/// Every `$name` in the sources, and those that a select chooses by (`$name ->`).
fn variables(sources: &[String]) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut all, mut selectors) = (BTreeSet::new(), BTreeSet::new());
    for source in sources {
        for (at, _) in source.match_indices('$') {
            let rest = &source[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let name = rest[..end].to_string();
            if rest[end..].trim_start().starts_with("->") {
                selectors.insert(name.clone());
            }
            all.insert(name);
        }
    }
    (all, selectors)
}

/// The argument sets to render every message with: none, all text, all one number, and
/// numbers for the selectors with text elsewhere.
fn argument_sets(
    all: &BTreeSet<String>,
    selectors: &BTreeSet<String>,
) -> Vec<Option<Vec<(String, Arg)>>> {
    let each =
        |value: &dyn Fn(&str) -> Arg| Some(all.iter().map(|n| (n.clone(), value(n))).collect());
    let mut sets = vec![None];
    for text in [SAMPLE, "one", "few", "other"] {
        sets.push(each(&|_| Arg::Text(text.to_string())));
    }
    for n in NUMBERS.into_iter().chain(EDGE_NUMBERS) {
        sets.push(each(&|_| Arg::Int(n)));
    }
    for n in NUMBERS {
        sets.push(each(&|name| match selectors.contains(name) {
            true => Arg::Int(n),
            false => Arg::Text(SAMPLE.to_string()),
        }));
    }
    sets
}

fn fluent_args(args: &[(String, Arg)]) -> FluentArgs<'static> {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Text(s) => FluentValue::from(s.clone()),
        };
        fluent.set(name.clone(), value);
    }
    fluent
}

#[test]
fn every_message_reads_as_fluent_renders_it() {
    let mut compared = 0;
    for lang in Lang::ALL {
        let sources: Vec<String> = ftl_sources(lang).into_values().collect();
        let fluent = bundle(lang, sources.clone());
        let ids: BTreeSet<String> = message_ids(lang).into_values().flatten().collect();
        assert_eq!(
            KEYS.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>(),
            ids,
            "{lang:?}: the compiled ids are not the files' ids"
        );
        let (all, selectors) = variables(&sources);
        let sets = argument_sets(&all, &selectors);
        for id in &ids {
            let pattern = fluent
                .get_message(id)
                .and_then(|m| m.value())
                .unwrap_or_else(|| panic!("{lang:?}: Fluent has no value for {id}"));
            for args in &sets {
                let mut errors = Vec::new();
                let (expected, ours) = match args {
                    None => (
                        fluent.format_pattern(pattern, None, &mut errors),
                        text(lang, id),
                    ),
                    Some(args) => {
                        let fluent_args = fluent_args(args);
                        let ours: Vec<(&str, &Arg)> =
                            args.iter().map(|(n, v)| (n.as_str(), v)).collect();
                        let expected =
                            fluent.format_pattern(pattern, Some(&fluent_args), &mut errors);
                        (expected, text_with(lang, id, &ours))
                    }
                };
                assert_eq!(ours, expected, "{lang:?} {id} with {args:?}");
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "only {compared} renderings compared");
}

#[test]
fn plural_categories_are_fluents() {
    let source = "m = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    for lang in Lang::ALL {
        let fluent = bundle(lang, [source.to_string()]);
        let pattern = fluent.get_message("m").and_then(|m| m.value()).expect("m");
        let big = EDGE_NUMBERS
            .into_iter()
            .chain([1_000_000, 1_000_001, 2_000_002]);
        for n in (-1100..=1100).chain(big) {
            let mut args = FluentArgs::new();
            args.set("n", n);
            let expected = fluent.format_pattern(pattern, Some(&args), &mut Vec::new());
            assert_eq!(plural::category(lang, n), expected, "{lang:?} {n}");
        }
    }
}
