//! Marking the words a search matched, in titles, names and a short excerpt of a summary.
use super::{
    analyze::{term, words},
    model::{Marked, Piece},
};
use std::collections::HashSet;

/// Words an excerpt holds at most.
pub const EXCERPT_WORDS: usize = 24;
/// Words an excerpt keeps before the first match, for context.
const LEAD_WORDS: usize = 6;

/// `text` cut into runs, each word marked whose term is in `matched`.
pub fn marked(text: &str, matched: &HashSet<&str>) -> Marked {
    let mut pieces: Marked = Vec::new();
    let mut push = |text: &str, mark: bool| match pieces.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ if text.is_empty() => {}
        _ => pieces.push(Piece {
            text: text.to_string(),
            mark,
        }),
    };
    let mut done = 0;
    for word in words(text) {
        let hit = term(word.text).is_some_and(|t| matched.contains(t.as_str()));
        if hit {
            push(&text[done..word.start], false);
            let end = word.start + word.text.len();
            push(&text[word.start..end], true);
            done = end;
        }
    }
    push(&text[done..], false);
    pieces
}

/// A few words of `summary` around its first matched word (its start when none matched),
/// with "…" where words were left out.
pub fn excerpt(summary: &str, matched: &HashSet<&str>) -> Marked {
    let all = words(summary);
    if all.is_empty() {
        return Vec::new();
    }
    let first_hit = all
        .iter()
        .position(|w| term(w.text).is_some_and(|t| matched.contains(t.as_str())));
    let from = first_hit.map_or(0, |at| at.saturating_sub(LEAD_WORDS));
    let to = (from + EXCERPT_WORDS).min(all.len());
    let start = if from == 0 { 0 } else { all[from].start };
    let end = if to == all.len() {
        summary.len()
    } else {
        all[to - 1].start + all[to - 1].text.len()
    };
    let mut pieces = marked(&summary[start..end], matched);
    if from > 0 {
        pieces.insert(
            0,
            Piece {
                text: "…".into(),
                mark: false,
            },
        );
    }
    if to < all.len() {
        pieces.push(Piece {
            text: "…".into(),
            mark: false,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &Marked) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.mark {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn matched_words_are_marked_in_any_form() {
        let matched: HashSet<&str> = ["mountain", "magic"].into();
        assert_eq!(
            shown(&marked("The Magic Mountains!", &matched)),
            "The [Magic] [Mountains]!"
        );
        let matched: HashSet<&str> = ["мертв"].into();
        assert_eq!(shown(&marked("Мёртвые души", &matched)), "[Мёртвые] души");
        assert_eq!(shown(&marked("", &matched)), "");
    }

    #[test]
    fn excerpts_start_near_the_first_match() {
        let summary = "One two three four five six seven eight nine ten eleven Borodino twelve.";
        let matched: HashSet<&str> = ["borodino"].into();
        assert_eq!(
            shown(&excerpt(summary, &matched)),
            "…six seven eight nine ten eleven [Borodino] twelve."
        );
        let long = "word ".repeat(40);
        let start = shown(&excerpt(&long, &HashSet::new()));
        assert!(
            start.starts_with("word word") && start.ends_with("word…"),
            "{start}"
        );
    }
}
