//! The build script's Fluent reader on syntax the catalogues barely use yet: indents, blank
//! lines, CRLF, escapes, exact-number and nested selects read as `fluent-bundle` reads them
//! (rendered by the catalogue's own `write_parts`), and what it does not support fails the
//! build with the file and line.
use crate::i18n::{
    catalogue::{write_parts, Arg, Key, Part, Select, Variant},
    Lang,
};
use fluent_templates::{
    fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue},
    LanguageIdentifier,
};

#[allow(dead_code)]
#[path = "../../../../build/ftl_parse.rs"]
mod ftl;

/// The parsed pattern as the catalogue's tables would hold it (leaked: a test's lifetime).
fn to_parts(pattern: &[ftl::Element]) -> &'static [Part] {
    let leak = |s: &str| -> &'static str { Box::leak(s.into()) };
    let parts: Vec<Part> = pattern
        .iter()
        .map(|element| match element {
            ftl::Element::Text(text) => Part::Text(leak(text)),
            ftl::Element::Var(name) => Part::Var(leak(name)),
            ftl::Element::Select(select) => {
                let variants: Vec<Variant> = select
                    .variants
                    .iter()
                    .map(|variant| Variant {
                        key: match &variant.key {
                            ftl::Key::Name(name) => Key::Name(leak(name)),
                            ftl::Key::Number(n) => Key::Number(*n),
                        },
                        parts: to_parts(&variant.pattern),
                    })
                    .collect();
                Part::Select(Box::leak(Box::new(Select {
                    var: leak(&select.var),
                    default: select.default,
                    variants: Box::leak(variants.into_boxed_slice()),
                })))
            }
        })
        .collect();
    Box::leak(parts.into_boxed_slice())
}

const SNIPPETS: &[&str] = &[
    "a = value   \n",
    "a = no newline at the end   ",
    "a =\n    first\n      indented more\n    last\n",
    "a =\n    first\n\n\n    after blank lines\n\n\n",
    "a =\n  x\n      \n  y\n",
    "a = text\n    continued\n        deeper\n# comment\nb = other\n",
    "a =   { $x }   \n",
    "a =\n    { $x } starts a line\n      more\n    { $y }\n",
    "a = {\"  \"}lead and trail{\" \"}\n",
    "a = {\"\\u00e9\\\"\\\\\\U01F60A\"}\n",
    "a = {$x}{$y}{ $x }\n",
    "a = { $n ->\n    [one] one\n        line two\n   *[other] many\n       more\n} tail\n",
    "a = { $n ->\n [0] zero\n [-1] minus one\n [one] one\n [few] few\n [5] five\n *[other] { $n } other\n}\n",
    "a = { $x ->\n [one] text one\n [left] { $n ->\n   [one] nested one\n  *[other] nested { $y }\n }\n *[right] default\n}\n",
    "a =\n    {\"\"}\n",
];

fn fluent_bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().expect("a language id");
    let mut bundle = FluentBundle::new(vec![id]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).expect("Fluent reads it");
    bundle.add_resource(resource).expect("one resource");
    bundle
}

#[test]
fn patterns_read_as_fluent_reads_them() {
    let mut values: Vec<Arg> = ["one", "left", "right", "sample"]
        .map(|s| Arg::Text(s.to_string()))
        .to_vec();
    values.extend([-1, 0, 1, 2, 3, 5, 11, 21, 22, 25].map(Arg::Int));
    let y = Arg::Text("why".into());
    for snippet in SNIPPETS {
        for source in [snippet.to_string(), snippet.replace('\n', "\r\n")] {
            let messages = ftl::parse("snippet.ftl", &source).expect("the build reads it");
            let parts = to_parts(&messages[0].pattern);
            for lang in Lang::ALL {
                let bundle = fluent_bundle(lang, &source);
                let pattern = bundle.get_message("a").and_then(|m| m.value()).expect("a");
                let mut ours = String::new();
                write_parts(&mut ours, lang, parts, &[]);
                let expected = bundle.format_pattern(pattern, None, &mut Vec::new());
                assert_eq!(ours, expected, "{source:?}");
                for x in &values {
                    for n in &values {
                        let args = [("x", x), ("n", n), ("y", &y)];
                        let mut fluent_args = FluentArgs::new();
                        for (name, value) in args {
                            let value = match value {
                                Arg::Int(n) => FluentValue::from(*n),
                                Arg::Text(s) => FluentValue::from(s.as_str()),
                            };
                            fluent_args.set(name, value);
                        }
                        let mut ours = String::new();
                        write_parts(&mut ours, lang, parts, &args);
                        let expected =
                            bundle.format_pattern(pattern, Some(&fluent_args), &mut Vec::new());
                        assert_eq!(ours, expected, "{lang:?} {source:?} x={x:?} n={n:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn unsupported_syntax_fails_with_file_and_line() {
    let cases = [
        ("# c\n\n-brand = Firefox\n", 3),
        ("a = x\n    .title = y\n", 2),
        ("a = x\nb = { NUMBER($n) }\n", 2),
        ("a = { b }\n", 1),
        ("a = { -brand }\n", 1),
        ("a = { { $x } }\n", 1),
        ("a = { 5 }\n", 1),
        ("a = { \"x\" ->\n *[other] y\n}\n", 1),
        ("a = { $n ->\n [1.5] x\n *[other] y\n}\n", 2),
        ("a = {\"\\{\"}\n", 1),
        ("a =\n    x\n    {\"\\é\"}\n", 3),
    ];
    for (source, line) in cases {
        let error = ftl::parse("x.ftl", source).err().unwrap_or_default();
        assert!(
            error.starts_with(&format!("x.ftl:{line}: unsupported Fluent syntax")),
            "{source:?}: {error}"
        );
    }
}

#[test]
fn malformed_files_fail_with_file_and_line() {
    let cases = [
        ("a = x }\n", 1),
        ("a =\n", 1),
        ("a = ok\n[x] y\n", 2),
        ("a = { $n ->\n [one] x\n}\n", 3),
        ("#comment\n", 1),
    ];
    for (source, line) in cases {
        let error = ftl::parse("x.ftl", source).err().unwrap_or_default();
        assert!(
            error.starts_with(&format!("x.ftl:{line}: ")),
            "{source:?}: {error}"
        );
    }
}
