//! The subset of Fluent the catalogues use: messages, comments, string literals, variables and
//! selects on a variable. Patterns are cut and joined by the algorithm of `fluent-syntax` 0.12
//! (`parser/pattern.rs`), step for step, so every message reads exactly as `fluent-bundle`
//! rendered it; a test in `src/i18n/catalogue/tests` holds the two side by side.

/// One message: its id, where it starts, and its value.
pub struct Message {
    pub id: String,
    pub line: usize,
    pub pattern: Pattern,
}

/// A message value or a variant's text.
pub type Pattern = Vec<Element>;

/// A piece of a pattern.
pub enum Element {
    Text(String),
    Var(String),
    Select(Select),
}

/// `{ $var -> [key] … *[default] … }`.
pub struct Select {
    pub var: String,
    pub variants: Vec<Variant>,
    pub default: usize,
}

/// `[key] pattern`.
pub struct Variant {
    pub key: Key,
    pub pattern: Pattern,
}

/// A variant key: a name (a plural category, or a text argument's value) or an exact number.
pub enum Key {
    Name(String),
    Number(i64),
}

/// The messages of one `.ftl` file; `file` names it in errors.
pub fn parse(file: &str, source: &str) -> Result<Vec<Message>, String> {
    let mut parser = Parser {
        file,
        src: source,
        bytes: source.as_bytes(),
        ptr: 0,
    };
    let mut messages = Vec::new();
    parser.skip_blank_block();
    while let Some(&byte) = parser.bytes.get(parser.ptr) {
        match byte {
            b'#' => parser.skip_comment()?,
            b'-' => return Err(parser.unsupported("terms (-name)")),
            b if b.is_ascii_alphabetic() => messages.push(parser.message()?),
            _ => return Err(parser.error("expected a message, a comment or a blank line")),
        }
        parser.skip_blank_block();
    }
    Ok(messages)
}

#[path = "ftl_pattern.rs"]
mod pattern;
#[path = "ftl_placeable.rs"]
mod placeable;

/// A cursor over one file's bytes. Text is sliced only at ASCII bytes, so always at char
/// boundaries.
struct Parser<'s> {
    file: &'s str,
    src: &'s str,
    bytes: &'s [u8],
    ptr: usize,
}

impl Parser<'_> {
    fn line(&self) -> usize {
        let before = &self.bytes[..self.ptr.min(self.bytes.len())];
        before.iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn error(&self, what: &str) -> String {
        format!("{}:{}: {what}", self.file, self.line())
    }

    fn unsupported(&self, what: &str) -> String {
        self.error(&format!("unsupported Fluent syntax: {what}"))
    }

    fn current(&self) -> Option<u8> {
        self.bytes.get(self.ptr).copied()
    }

    fn take(&mut self, byte: u8) -> bool {
        let found = self.current() == Some(byte);
        self.ptr += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.take(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", byte as char)))
        }
    }

    fn skip_blank_inline(&mut self) -> usize {
        let start = self.ptr;
        while self.current() == Some(b' ') {
            self.ptr += 1;
        }
        self.ptr - start
    }

    fn skip_eol(&mut self) -> bool {
        match self.current() {
            Some(b'\n') => self.ptr += 1,
            Some(b'\r') if self.bytes.get(self.ptr + 1) == Some(&b'\n') => self.ptr += 2,
            _ => return false,
        }
        true
    }

    fn skip_blank_block(&mut self) {
        loop {
            let start = self.ptr;
            self.skip_blank_inline();
            if !self.skip_eol() {
                self.ptr = start;
                return;
            }
        }
    }

    fn skip_blank(&mut self) {
        while matches!(self.current(), Some(b' ' | b'\n')) || self.is_crlf() {
            self.ptr += if self.is_crlf() { 2 } else { 1 };
        }
    }

    fn is_crlf(&self) -> bool {
        self.bytes[self.ptr..].starts_with(b"\r\n")
    }

    /// `#`, `##` or `###`, then a space and the rest of the line, or nothing.
    fn skip_comment(&mut self) -> Result<(), String> {
        let hashes = self.bytes[self.ptr..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.ptr += hashes;
        if hashes > 3 || !(matches!(self.current(), None | Some(b' ' | b'\n')) || self.is_crlf()) {
            return Err(self.error("a comment is `#`, `##` or `###` and a space"));
        }
        while !matches!(self.current(), None | Some(b'\n')) {
            self.ptr += 1;
        }
        self.skip_eol();
        Ok(())
    }

    fn identifier(&mut self) -> Result<String, String> {
        if !self.current().is_some_and(|b| b.is_ascii_alphabetic()) {
            return Err(self.error("expected an identifier (a-z, A-Z)"));
        }
        let start = self.ptr;
        while self
            .current()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            self.ptr += 1;
        }
        Ok(self.src[start..self.ptr].to_string())
    }

    fn message(&mut self) -> Result<Message, String> {
        let line = self.line();
        let id = self.identifier()?;
        self.skip_blank_inline();
        self.expect(b'=')?;
        let pattern = self.pattern()?;
        self.skip_blank_block();
        let line_start = self.ptr;
        self.skip_blank_inline();
        if self.current() == Some(b'.') {
            return Err(self.unsupported("attributes (.name = …)"));
        }
        self.ptr = line_start;
        match pattern {
            Some(pattern) => Ok(Message { id, line, pattern }),
            None => Err(format!("{}:{line}: message `{id}` has no value", self.file)),
        }
    }
}
