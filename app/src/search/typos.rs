//! Forgiving one typo: a term is close to another when one edit (a letter added, dropped,
//! changed, or two neighbours swapped) turns one into the other. Candidates come from the
//! `search_typos` table (each indexed term under itself and under every one-letter deletion of
//! it: two terms one edit apart share an entry), so a lookup is one indexed read on either
//! database; [`within_one_edit`] then keeps the true neighbours.

/// A typed word shorter than this (in letters) is taken as written: short words have too many
/// neighbours for a guess to be useful.
pub const MIN_TYPO_WORD_CHARS: usize = 5;

/// Whether `term` gets entries in `search_typos`: words, not numbers, and long enough to
/// be the stem of a word of [`MIN_TYPO_WORD_CHARS`] letters.
pub fn has_typo_entries(term: &str) -> bool {
    term.chars().count() >= MIN_TYPO_WORD_CHARS - 1 && !term.chars().all(|c| c.is_numeric())
}

/// `term` and every string one deleted letter away from it (no repeats).
pub fn deletion_keys(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut keys = vec![term.to_string()];
    for skip in 0..chars.len() {
        let key: String = chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .map(|(_, c)| *c)
            .collect();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Whether `a` and `b` differ by at most one edit, counting a swap of neighbours as one
/// (the optimal-string-alignment distance is at most 1).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if head == short.len() {
        return true;
    }
    if short.len() == long.len() {
        let same_after = |from: usize| short[from..] == long[from..];
        // One letter changed, or two neighbours swapped.
        same_after(head + 1)
            || (head + 1 < short.len()
                && short[head] == long[head + 1]
                && short[head + 1] == long[head]
                && same_after(head + 2))
    } else {
        short[head..] == long[head + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_of_any_kind_is_near() {
        assert!(within_one_edit("hobit", "hobbit"));
        assert!(within_one_edit("tolkein", "tolkien"));
        assert!(within_one_edit("lighthos", "lighthous"));
        assert!(within_one_edit("карамазов", "карамазав"));
        assert!(within_one_edit("same", "same"));
        assert!(!within_one_edit("hbbit", "hobbitt"));
        assert!(!within_one_edit("tolkien", "tlokein"));
        assert!(!within_one_edit("abcd", "badc"));
    }

    #[test]
    fn near_terms_share_a_deletion_key() {
        for (typed, indexed) in [
            ("hobit", "hobbit"),
            ("tolkein", "tolkien"),
            ("mauntain", "mountain"),
        ] {
            let keys = deletion_keys(indexed);
            assert!(
                deletion_keys(typed).iter().any(|k| keys.contains(k)),
                "{typed} / {indexed}"
            );
        }
        assert_eq!(deletion_keys("aab"), ["aab", "ab", "aa"]);
    }

    #[test]
    fn numbers_and_short_terms_get_no_entries() {
        assert!(has_typo_entries("hobbit"));
        assert!(has_typo_entries("душ2"));
        assert!(!has_typo_entries("1984"));
        assert!(!has_typo_entries("war"));
    }
}
