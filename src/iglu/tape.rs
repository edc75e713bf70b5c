//! A flat, borrowed parse of *canonical* JSON: the compact text `serde_json` would write back
//! for the value it parses (no whitespace, only the escapes it writes, numbers as it prints
//! them, no repeated keys).
//!
//! Tracker JSON (contexts, self-describing events) is nearly always canonical. For such text a
//! validated value can be copied into the output as it is, with no tree built and nothing
//! serialised again. [`Tape::parse`] returns `None` for anything else, valid JSON or not; the
//! caller then takes the general path (`serde_json::Value`), which also explains every error.

use crate::enrich::scan::find_json_special;

/// Deeper nesting is left to the general path (`serde_json` stops at 128).
const MAX_DEPTH: u32 = 64;
/// Objects with more members are left to the general path (repeated keys are found pairwise).
const MAX_MEMBERS: u32 = 64;
/// Longer integers may not fit `i64`/`u64`, where `serde_json` turns them into floats.
const MAX_INTEGER_DIGITS: usize = 18;

/// What a [`Node`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer that fits `i64`.
    Int,
    /// A number with a fraction or an exponent.
    Float,
    /// A string with no escapes.
    Str,
    /// A string with one or more of the escapes `\" \\ \b \f \n \r \t`.
    EscapedStr,
    /// An array; its elements follow it.
    Array,
    /// An object; its members follow it as key, value, key, value, ….
    Object,
}

/// One value of the text; containers are followed by their contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// What the value is.
    pub kind: Kind,
    /// Byte range of the value's text (strings with their quotes).
    pub start: u32,
    /// End of that range.
    pub end: u32,
    /// Index of the node after this value and everything inside it.
    pub next: u32,
    /// Elements of an array, members of an object; 0 for scalars.
    pub count: u32,
}

/// A canonical JSON text and its nodes; `nodes[0]` is the root.
#[derive(Debug, Clone)]
pub struct Tape<'a> {
    text: &'a str,
    nodes: Vec<Node>,
}

impl<'a> Tape<'a> {
    /// The tape of `text`, or `None` when it is not canonical JSON (see the module docs).
    pub fn parse(text: &'a str) -> Option<Tape<'a>> {
        // Nodes hold offsets as u32.
        if text.len() > u32::MAX as usize {
            return None;
        }
        let mut parser = Parser { bytes: text.as_bytes(), pos: 0, nodes: Vec::with_capacity(32) };
        parser.value(0)?;
        (parser.pos == text.len()).then_some(Tape { text, nodes: parser.nodes })
    }

    /// The tape of `text` from the nodes [`Tape::parse`] gave for that same text.
    pub fn from_parts(text: &'a str, nodes: Vec<Node>) -> Tape<'a> {
        Tape { text, nodes }
    }

    /// The nodes, to keep without borrowing the text (see [`Tape::from_parts`]).
    pub fn into_nodes(self) -> Vec<Node> {
        self.nodes
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Node `index`.
    pub fn node(&self, index: usize) -> Node {
        self.nodes[index]
    }

    /// The text of node `index` (strings with their quotes).
    pub fn raw(&self, index: usize) -> &'a str {
        let node = self.nodes[index];
        &self.text[node.start as usize..node.end as usize]
    }

    /// The content of string node `index`, between its quotes, still escaped.
    pub fn raw_str(&self, index: usize) -> &'a str {
        let node = self.nodes[index];
        &self.text[node.start as usize + 1..node.end as usize - 1]
    }

    /// The decoded text of string node `index`.
    pub fn string(&self, index: usize) -> std::borrow::Cow<'a, str> {
        let raw = self.raw_str(index);
        if self.nodes[index].kind == Kind::Str {
            return raw.into();
        }
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        // Runs without escapes are copied whole; every escape is two ASCII bytes.
        while let Some(at) = memchr::memchr(b'\\', rest.as_bytes()) {
            out.push_str(&rest[..at]);
            // A tape holds only the escapes `unescape` knows.
            let Some(decoded) = rest.as_bytes().get(at + 1).copied().and_then(unescape) else { break };
            out.push(decoded);
            rest = rest.get(at + 2..).unwrap_or_default();
        }
        out.push_str(rest);
        out.into()
    }

    /// Indexes of the elements of array node `index`.
    pub fn elements(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let node = self.nodes[index];
        let mut at = index + 1;
        (0..node.count).map(move |_| {
            let element = at;
            at = self.nodes[at].next as usize;
            element
        })
    }

    /// (key index, value index) of each member of object node `index`.
    pub fn members(&self, index: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let node = self.nodes[index];
        let mut at = index + 1;
        (0..node.count).map(move |_| {
            let key = at;
            at = self.nodes[key + 1].next as usize;
            (key, key + 1)
        })
    }

    /// The value of member `name` of object node `index` (keys are compared as written).
    pub fn member(&self, index: usize, name: &str) -> Option<usize> {
        self.members(index).find(|&(key, _)| self.raw_str(key) == name).map(|(_, value)| value)
    }
}

/// The character a two-character JSON escape `\X` stands for (`\uXXXX` is not one of them).
pub(crate) fn unescape(escaped: u8) -> Option<char> {
    Some(match escaped {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    nodes: Vec<Node>,
}

impl Parser<'_> {
    fn push(&mut self, kind: Kind, start: usize) -> usize {
        self.nodes.push(Node { kind, start: start as u32, end: start as u32, next: 0, count: 0 });
        self.nodes.len() - 1
    }

    fn close(&mut self, index: usize, count: u32) {
        let next = self.nodes.len() as u32;
        let node = &mut self.nodes[index];
        node.end = self.pos as u32;
        node.next = next;
        node.count = count;
    }

    fn byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, depth: u32) -> Option<()> {
        match self.byte()? {
            b'{' => {
                self.container(Kind::Object, b'}', depth, |parser, object, count| parser.member(object, count, depth))
            }
            b'[' => self.container(Kind::Array, b']', depth, |parser, _, _| parser.value(depth + 1)),
            b'"' => self.string(),
            b't' => self.literal(b"true", Kind::Bool),
            b'f' => self.literal(b"false", Kind::Bool),
            b'n' => self.literal(b"null", Kind::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// An object or array: `item` reads each member or element (given the container's node
    /// and how many came before), then a `,` or the `close` byte follows.
    fn container(
        &mut self,
        kind: Kind,
        close: u8,
        depth: u32,
        mut item: impl FnMut(&mut Self, usize, u32) -> Option<()>,
    ) -> Option<()> {
        if depth == MAX_DEPTH {
            return None;
        }
        let index = self.push(kind, self.pos);
        self.pos += 1;
        let mut count = 0;
        if self.byte()? != close {
            loop {
                item(self, index, count)?;
                count += 1;
                match self.byte()? {
                    b',' => self.pos += 1,
                    byte if byte == close => break,
                    _ => return None,
                }
            }
        }
        self.pos += 1;
        self.close(index, count);
        Some(())
    }

    /// One `"key":value` member of the object at node `object` (at `depth`), which has `count`
    /// before it.
    fn member(&mut self, object: usize, count: u32, depth: u32) -> Option<()> {
        if self.byte()? != b'"' || count == MAX_MEMBERS {
            return None;
        }
        let key = self.nodes.len();
        self.string()?;
        if self.repeats_key(object, key) || self.byte()? != b':' {
            return None;
        }
        self.pos += 1;
        self.value(depth + 1)
    }

    /// Whether the key at node `key` was already a key of the object at node `object`:
    /// `serde_json` would keep one member, so the text would not be written back as it is.
    fn repeats_key(&self, object: usize, key: usize) -> bool {
        let text = |node: &Node| &self.bytes[node.start as usize..node.end as usize];
        let new = text(&self.nodes[key]);
        let mut at = object + 1;
        while at < key {
            if text(&self.nodes[at]) == new {
                return true;
            }
            at = self.nodes[at + 1].next as usize;
        }
        false
    }

    fn string(&mut self) -> Option<()> {
        let index = self.push(Kind::Str, self.pos);
        let mut at = self.pos + 1;
        loop {
            let found = find_json_special(self.bytes, at)?;
            match self.bytes[found] {
                b'"' => {
                    self.pos = found + 1;
                    self.close(index, 0);
                    return Some(());
                }
                // The escapes serde_json writes; `\/` and `\uXXXX` would be written differently.
                b'\\' if matches!(self.bytes.get(found + 1), Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't')) => {
                    self.nodes[index].kind = Kind::EscapedStr;
                    at = found + 2;
                }
                // Any other escape, or a raw control character (invalid JSON).
                _ => return None,
            }
        }
    }

    fn literal(&mut self, word: &[u8], kind: Kind) -> Option<()> {
        if !self.bytes[self.pos..].starts_with(word) {
            return None;
        }
        let index = self.push(kind, self.pos);
        self.pos += word.len();
        self.close(index, 0);
        Some(())
    }

    fn number(&mut self) -> Option<()> {
        let start = self.pos;
        let bytes = self.bytes;
        let digits_start = start + usize::from(bytes[start] == b'-');
        let digits_end =
            bytes[digits_start..].iter().position(|b| !b.is_ascii_digit()).map_or(bytes.len(), |i| digits_start + i);
        let digits = digits_end - digits_start;
        let kind = if !matches!(bytes.get(digits_end), Some(b'.' | b'e' | b'E' | b'+' | b'-')) {
            // No leading zeros, and not `-0` (which serde_json reads as the float -0.0).
            if digits == 0
                || digits > MAX_INTEGER_DIGITS
                || (bytes[digits_start] == b'0' && (digits > 1 || digits_start > start))
            {
                return None;
            }
            self.pos = digits_end;
            Kind::Int
        } else {
            let rest = &bytes[start..];
            let len = rest
                .iter()
                .position(|&b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .unwrap_or(rest.len());
            let text = std::str::from_utf8(&rest[..len]).ok()?;
            // A float is canonical when serde_json prints back what it reads: it reads with
            // its own rounding and prints with its own formatter (`1e+16`, not ryu's `1e16`),
            // so it must do both.
            let value: f64 = serde_json::from_str(text).ok()?;
            if !prints_as(serde_json::Number::from_f64(value)?, text) {
                return None;
            }
            self.pos = start + len;
            Kind::Float
        };
        let index = self.push(kind, start);
        self.close(index, 0);
        Some(())
    }
}

/// Whether `value` prints as exactly `text`, compared piece by piece as it is written rather
/// than through an allocated string (floats are common in contexts).
fn prints_as(value: impl std::fmt::Display, text: &str) -> bool {
    struct Rest<'a>(&'a str);
    impl std::fmt::Write for Rest<'_> {
        fn write_str(&mut self, piece: &str) -> std::fmt::Result {
            self.0 = self.0.strip_prefix(piece).ok_or(std::fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Rest(text);
    std::fmt::write(&mut rest, format_args!("{value}")).is_ok() && rest.0.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> bool {
        Tape::parse(text).is_some()
    }

    #[test]
    fn canonical_texts_are_what_serde_json_writes_back() {
        for text in [
            r#"{"schema":"iglu:a/b/jsonschema/1-0-0","data":{"a":[1,-2,3.5,true,false,null,"x\"y\\z\n"],"b":{}}}"#,
            "[]",
            "0",
            "-12",
            "1.5",
            "1e-7",
            "1e+16",
            "1.2345678901234568e+20",
            "-0.0",
            "\"\"",
            "\"é €\"",
            "[[],{},[{}]]",
            "123456789012345678",
        ] {
            assert!(canonical(text), "{text}");
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), text, "the claim holds for {text}");
        }
    }

    #[test]
    fn other_texts_are_left_to_the_general_path() {
        for text in [
            "",
            " 1",
            "1 ",
            "{\"a\": 1}",
            "[1, 2]",
            "{\"a\":1,\"a\":2}",
            "\"\\/\"",
            "\"\\u00e9\"",
            "\"a\u{1}\"",
            "01",
            "-0",
            "1.50",
            "1E5",
            "1e5",
            "1e16",
            "1e300",
            "1234567890123456789",
            "tru",
            "nul",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\"}",
            "{1:2}",
            "[1]x",
            "\"open",
            "+1",
            "NaN",
        ] {
            assert!(!canonical(text), "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
        assert!(!canonical(&deep));
        let shallow = format!("{}{}", "[".repeat(60), "]".repeat(60));
        assert!(canonical(&shallow));
    }

    #[test]
    fn nodes_and_navigation() {
        let tape = Tape::parse(r#"{"a":[1,{"b":"x\ty"}],"c":null,"d":2.5}"#).unwrap();
        let root = tape.node(0);
        assert_eq!((root.kind, root.count, root.next as usize), (Kind::Object, 3, 11));
        let members: Vec<_> = tape.members(0).map(|(k, v)| (tape.raw_str(k), tape.raw(v))).collect();
        assert_eq!(members, [("a", r#"[1,{"b":"x\ty"}]"#), ("c", "null"), ("d", "2.5")]);
        let array = tape.member(0, "a").unwrap();
        let elements: Vec<_> = tape.elements(array).map(|i| tape.node(i).kind).collect();
        assert_eq!(elements, [Kind::Int, Kind::Object]);
        let inner = tape.elements(array).nth(1).unwrap();
        let b = tape.member(inner, "b").unwrap();
        assert_eq!(tape.node(b).kind, Kind::EscapedStr);
        assert_eq!(tape.string(b), "x\ty");
        assert_eq!(tape.member(0, "z"), None);
        assert_eq!(tape.node(tape.member(0, "d").unwrap()).kind, Kind::Float);
    }

    #[test]
    fn strings_are_found_across_the_scanners_word_boundaries() {
        for len in 0..40 {
            let body = "x".repeat(len);
            for text in [format!("\"{body}\""), format!("[\"{body}\",\"{body}\\n\"]")] {
                let tape = Tape::parse(&text).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(tape.node(0).end as usize, text.len());
            }
            assert!(!canonical(&format!("\"{body}\u{1}\"")), "a control character at {len}");
            assert!(!canonical(&format!("\"{body}")), "an open string of {len}");
        }
    }
}
