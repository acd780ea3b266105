//! Marking the words a search matched, in titles, names and a short excerpt of a summary.
use super::{
    analyze::{term, words},
    model::{Marked, Piece},
};
use std::collections::{HashMap, HashSet};

/// Words an excerpt holds at most.
pub const EXCERPT_WORDS: usize = 24;
/// Words an excerpt keeps before the first match, for context.
const LEAD_WORDS: usize = 6;

/// Tells which words a search matched, remembering each word it was asked about: a page's
/// titles and summaries repeat their words, and folding and stemming a word is most of what
/// marking costs (BENCHMARKS.md, "Search").
pub struct Matcher<'m> {
    matched: HashSet<&'m str>,
    seen: HashMap<String, bool>,
}

impl<'m> Matcher<'m> {
    /// A matcher for words whose term is one of `matched`.
    pub fn new(matched: impl IntoIterator<Item = &'m str>) -> Self {
        Self {
            matched: matched.into_iter().collect(),
            seen: HashMap::new(),
        }
    }

    /// Whether `word`'s term is a matched term.
    fn hits(&mut self, word: &str) -> bool {
        if let Some(&hit) = self.seen.get(word) {
            return hit;
        }
        let hit = term(word).is_some_and(|t| self.matched.contains(t.as_str()));
        self.seen.insert(word.to_owned(), hit);
        hit
    }

    /// `text` cut into runs, each matched word marked.
    pub fn marked(&mut self, text: &str) -> Marked {
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
            if self.hits(word.text) {
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
    pub fn excerpt(&mut self, summary: &str) -> Marked {
        let all = words(summary);
        if all.is_empty() {
            return Vec::new();
        }
        let first_hit = all.iter().position(|w| self.hits(w.text));
        let from = first_hit.map_or(0, |at| at.saturating_sub(LEAD_WORDS));
        let to = (from + EXCERPT_WORDS).min(all.len());
        let start = if from == 0 { 0 } else { all[from].start };
        let end = if to == all.len() {
            summary.len()
        } else {
            all[to - 1].start + all[to - 1].text.len()
        };
        let mut pieces = self.marked(&summary[start..end]);
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
        let mut matcher = Matcher::new(["mountain", "magic"]);
        assert_eq!(
            shown(&matcher.marked("The Magic Mountains!")),
            "The [Magic] [Mountains]!"
        );
        // Remembered answers are the same answers.
        assert_eq!(
            shown(&matcher.marked("Magic, magic mountain")),
            "[Magic], [magic] [mountain]"
        );
        let mut matcher = Matcher::new(["мертв"]);
        assert_eq!(shown(&matcher.marked("Мёртвые души")), "[Мёртвые] души");
        assert_eq!(shown(&matcher.marked("")), "");
    }

    #[test]
    fn excerpts_start_near_the_first_match() {
        let summary = "One two three four five six seven eight nine ten eleven Borodino twelve.";
        assert_eq!(
            shown(&Matcher::new(["borodino"]).excerpt(summary)),
            "…six seven eight nine ten eleven [Borodino] twelve."
        );
        let long = "word ".repeat(40);
        let start = shown(&Matcher::new([]).excerpt(&long));
        assert!(
            start.starts_with("word word") && start.ends_with("word…"),
            "{start}"
        );
    }
}
