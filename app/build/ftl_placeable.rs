//! Placeables: `{"literal"}`, `{ $var }` and `{ $var -> [key] … *[default] … }`; anything else
//! is reported as unsupported.
use super::{Element, Key, Parser, Select, Variant};

impl Parser<'_> {
    /// After `{`: a string literal, a variable, or a select on a variable; then `}`.
    pub(super) fn placeable(&mut self) -> Result<Element, String> {
        self.skip_blank();
        let element = match self.current() {
            Some(b'"') => Element::Text(self.string_literal()?),
            Some(b'$') => {
                self.ptr += 1;
                Element::Var(self.identifier()?)
            }
            Some(b'{') => return Err(self.unsupported("nested placeables")),
            Some(b'-') => return Err(self.unsupported("terms or number literals")),
            Some(b) if b.is_ascii_digit() => return Err(self.unsupported("number literals")),
            Some(b) if b.is_ascii_alphabetic() => {
                return Err(self.unsupported("message references or functions"))
            }
            _ => return Err(self.error("expected an expression after `{`")),
        };
        self.skip_blank();
        let element = if self.bytes[self.ptr..].starts_with(b"->") {
            let Element::Var(var) = element else {
                return Err(self.unsupported("a select on anything but a variable"));
            };
            self.ptr += 2;
            self.skip_blank_inline();
            if !self.skip_eol() {
                return Err(self.error("expected a line break after `->`"));
            }
            self.skip_blank();
            self.select(var)?
        } else {
            element
        };
        self.skip_blank_inline();
        self.expect(b'}')?;
        Ok(element)
    }

    fn select(&mut self, var: String) -> Result<Element, String> {
        let mut variants = Vec::new();
        let mut default = None;
        loop {
            let is_default = self.take(b'*');
            if is_default && default.is_some() {
                return Err(self.error("more than one default variant"));
            }
            if !self.take(b'[') {
                break;
            }
            if is_default {
                default = Some(variants.len());
            }
            let key = self.variant_key()?;
            let Some(pattern) = self.pattern()? else {
                return Err(self.error("a variant has no value"));
            };
            variants.push(Variant { key, pattern });
            self.skip_blank();
        }
        match default {
            Some(default) => Ok(Element::Select(Select {
                var,
                variants,
                default,
            })),
            None => Err(self.error("a select needs a default variant (*[…])")),
        }
    }

    fn variant_key(&mut self) -> Result<Key, String> {
        self.skip_blank();
        let key = if self
            .current()
            .is_some_and(|b| b.is_ascii_digit() || b == b'-')
        {
            let start = self.ptr;
            self.ptr += 1;
            while self
                .current()
                .is_some_and(|b| b.is_ascii_digit() || b == b'.')
            {
                self.ptr += 1;
            }
            let number = &self.src[start..self.ptr];
            match number.parse() {
                Ok(n) => Key::Number(n),
                Err(_) => return Err(self.unsupported(&format!("the variant key [{number}]"))),
            }
        } else {
            Key::Name(self.identifier()?)
        };
        self.skip_blank();
        self.expect(b']')?;
        Ok(key)
    }

    /// `"…"` with Fluent's escapes: `\"`, `\\`, `\uXXXX`, `\UXXXXXX`.
    fn string_literal(&mut self) -> Result<String, String> {
        self.ptr += 1;
        let mut value = String::new();
        loop {
            let rest = &self.src[self.ptr..];
            let Some(c) = rest.chars().next() else {
                return Err(self.error("unterminated string literal"));
            };
            self.ptr += c.len_utf8();
            match c {
                '"' => return Ok(value),
                '\n' => return Err(self.error("unterminated string literal")),
                '\\' => {
                    let len = match self.current() {
                        Some(b @ (b'"' | b'\\')) => {
                            self.ptr += 1;
                            value.push(char::from(b));
                            continue;
                        }
                        Some(b'u') => 4,
                        Some(b'U') => 6,
                        _ => return Err(self.unsupported("an escape other than \\\" \\\\ \\u \\U")),
                    };
                    self.ptr += 1;
                    let hex = self.src.get(self.ptr..self.ptr + len).unwrap_or("");
                    if hex.len() != len || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(self.error("a \\u escape needs 4 hex digits, \\U needs 6"));
                    }
                    self.ptr += len;
                    let code = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                    value.push(code.unwrap_or('\u{FFFD}'));
                }
                c => value.push(c),
            }
        }
    }
}
