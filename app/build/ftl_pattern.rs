//! Patterns: text over one or more lines and the placeables in it, cut and joined exactly as
//! `fluent-syntax` 0.12 does (`parser/pattern.rs`).
use super::{Element, Parser, Pattern};

/// Where a line's text stands in its pattern, which decides how its indent is removed.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    InitialLineStart,
    LineStart,
    Continuation,
}

#[derive(PartialEq)]
enum End {
    LineFeed,
    Crlf,
    Placeable,
    Eof,
}

/// A pattern element before indents are known: text is kept as (start, end, indent, role).
enum Pending {
    Placeable(Element),
    Text(usize, usize, usize, Role),
}

impl Parser<'_> {
    /// A pattern, as `fluent-syntax` reads one: continuation lines are indented, the common
    /// indent goes, trailing blank lines go and the last text loses its trailing whitespace.
    pub(super) fn pattern(&mut self) -> Result<Option<Pattern>, String> {
        let mut pending = Vec::new();
        let mut last_non_blank = None;
        let mut common_indent: Option<usize> = None;
        self.skip_blank_inline();
        let mut role = if self.skip_eol() {
            self.skip_blank_block();
            Role::LineStart
        } else {
            Role::InitialLineStart
        };
        while self.ptr < self.bytes.len() {
            if self.take(b'{') {
                if role == Role::LineStart {
                    common_indent = Some(0);
                }
                let element = self.placeable()?;
                last_non_blank = Some(pending.len());
                pending.push(Pending::Placeable(element));
                role = Role::Continuation;
                continue;
            }
            let slice_start = self.ptr;
            let mut indent = 0;
            if role == Role::LineStart {
                indent = self.skip_blank_inline();
                match self.current() {
                    None => break,
                    Some(b) if indent == 0 && b != b'\r' && b != b'\n' => break,
                    Some(b'.' | b'}' | b'[' | b'*') if indent > 0 => {
                        self.ptr = slice_start;
                        break;
                    }
                    Some(_) => {}
                }
            }
            let (start, end, blank, ending) = self.text_slice()?;
            if start != end {
                if role == Role::LineStart && !blank {
                    common_indent = Some(common_indent.map_or(indent, |c| c.min(indent)));
                }
                if role != Role::LineStart || !blank || ending == End::LineFeed {
                    if !blank {
                        last_non_blank = Some(pending.len());
                    }
                    pending.push(Pending::Text(slice_start, end, indent, role));
                }
            }
            role = match ending {
                End::LineFeed | End::Crlf => Role::LineStart,
                End::Placeable | End::Eof => Role::Continuation,
            };
        }
        let Some(last_non_blank) = last_non_blank else {
            return Ok(None);
        };
        let mut pattern = Vec::new();
        for (i, element) in pending.into_iter().take(last_non_blank + 1).enumerate() {
            match element {
                Pending::Placeable(element) => pattern.push(element),
                Pending::Text(start, end, indent, role) => {
                    let start = match role {
                        Role::LineStart => start + common_indent.map_or(indent, |c| c.min(indent)),
                        _ => start,
                    };
                    let mut text = &self.src[start..end];
                    if i == last_non_blank {
                        text = text.trim_end_matches([' ', '\r', '\n']);
                    }
                    pattern.push(Element::Text(text.to_string()));
                }
            }
        }
        Ok(Some(pattern))
    }

    /// Text up to a line end or a placeable: (start, end, blank, how it ended).
    fn text_slice(&mut self) -> Result<(usize, usize, bool, End), String> {
        let start = self.ptr;
        let rest = &self.bytes[start..];
        let blank = |text: &[u8]| text.iter().all(|&b| b == b' ');
        let Some(at) = rest.iter().position(|b| matches!(b, b'\n' | b'{' | b'}')) else {
            self.ptr = self.bytes.len();
            return Ok((start, self.ptr, blank(rest), End::Eof));
        };
        match rest[at] {
            b'}' => {
                self.ptr += at;
                Err(self.error("unbalanced `}` in text"))
            }
            b'\n' if at > 0 && rest[at - 1] == b'\r' => {
                // Like fluent-syntax: the text stops before `\r`, and the `\n` is read again as
                // a line of its own.
                self.ptr += at;
                Ok((start, self.ptr - 1, blank(&rest[..at - 1]), End::Crlf))
            }
            b'\n' => {
                self.ptr += at + 1;
                Ok((start, self.ptr, blank(&rest[..at]), End::LineFeed))
            }
            _ => {
                self.ptr += at;
                Ok((start, self.ptr, blank(&rest[..at]), End::Placeable))
            }
        }
    }
}
