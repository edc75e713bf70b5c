//! Just enough JSON for the hot path: check a document's syntax, copy values compactly, find
//! an object's members and write escaped strings, all without building a value tree.
//!
//! Transforming an event only ever copies entity data through unchanged, so a validating
//! scanner that copies tokens is several times faster than parsing into `serde_json::Value`
//! and printing it again.

use std::borrow::Cow;
use std::ops::Range;

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, with the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid JSON at byte {offset}: {message}")]
pub struct JsonError {
    /// Byte offset in the text.
    pub offset: usize,
    /// What was expected there.
    pub message: &'static str,
}

fn error(offset: usize, message: &'static str) -> JsonError {
    JsonError { offset, message }
}

fn skip_whitespace(text: &[u8], mut pos: usize) -> usize {
    while pos < text.len() && matches!(text[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// Where scanned tokens go: copied compactly into `out` when given; `spaced` records whether
/// any insignificant whitespace was skipped (a value without any can be copied as it is).
struct Sink<'o> {
    out: Option<&'o mut Vec<u8>>,
    spaced: bool,
}

impl Sink<'_> {
    fn skip(&mut self, text: &[u8], pos: usize) -> usize {
        let end = skip_whitespace(text, pos);
        self.spaced |= end != pos;
        end
    }

    fn push(&mut self, byte: u8) {
        if let Some(out) = &mut self.out {
            out.push(byte);
        }
    }

    fn copy(&mut self, bytes: &[u8]) {
        if let Some(out) = &mut self.out {
            out.extend_from_slice(bytes);
        }
    }
}

/// Scans one value starting at `pos` (after whitespace), passing it to `sink`; returns the
/// offset after it.
fn scan_value(text: &[u8], pos: usize, sink: &mut Sink<'_>, depth: usize) -> Result<usize, JsonError> {
    let pos = sink.skip(text, pos);
    let Some(&first) = text.get(pos) else {
        return Err(error(pos, "expected a value, found the end of the text"));
    };
    match first {
        b'"' => {
            let end = scan_string(text, pos)?;
            sink.copy(&text[pos..end]);
            Ok(end)
        }
        b'{' | b'[' => {
            if depth >= MAX_DEPTH {
                return Err(error(pos, "nesting is too deep"));
            }
            let object = first == b'{';
            let close = if object { b'}' } else { b']' };
            sink.push(first);
            let mut at = sink.skip(text, pos + 1);
            if text.get(at) == Some(&close) {
                sink.push(close);
                return Ok(at + 1);
            }
            loop {
                if object {
                    at = sink.skip(text, at);
                    if text.get(at) != Some(&b'"') {
                        return Err(error(at, "expected a member name in double quotes"));
                    }
                    let end = scan_string(text, at)?;
                    sink.copy(&text[at..end]);
                    at = sink.skip(text, end);
                    if text.get(at) != Some(&b':') {
                        return Err(error(at, "expected `:` after a member name"));
                    }
                    sink.push(b':');
                    at += 1;
                }
                let end = scan_value(text, at, sink, depth + 1)?;
                at = sink.skip(text, end);
                match text.get(at) {
                    Some(b',') => {
                        sink.push(b',');
                        at += 1;
                    }
                    Some(&c) if c == close => {
                        sink.push(close);
                        return Ok(at + 1);
                    }
                    _ => return Err(error(at, if object { "expected `,` or `}`" } else { "expected `,` or `]`" })),
                }
            }
        }
        b't' => literal(text, pos, b"true", sink),
        b'f' => literal(text, pos, b"false", sink),
        b'n' => literal(text, pos, b"null", sink),
        b'-' | b'0'..=b'9' => {
            let end = scan_number(text, pos)?;
            sink.copy(&text[pos..end]);
            Ok(end)
        }
        _ => Err(error(pos, "expected a value")),
    }
}

fn literal(text: &[u8], pos: usize, word: &[u8], sink: &mut Sink<'_>) -> Result<usize, JsonError> {
    if text[pos..].starts_with(word) {
        sink.copy(word);
        Ok(pos + word.len())
    } else {
        Err(error(pos, "expected a value"))
    }
}

fn scan_digits(text: &[u8], mut pos: usize) -> usize {
    while pos < text.len() && text[pos].is_ascii_digit() {
        pos += 1;
    }
    pos
}

fn scan_number(text: &[u8], mut pos: usize) -> Result<usize, JsonError> {
    if text[pos] == b'-' {
        pos += 1;
    }
    match text.get(pos) {
        Some(b'0') => pos += 1,
        Some(b'1'..=b'9') => pos = scan_digits(text, pos),
        _ => return Err(error(pos, "expected a digit")),
    }
    if text.get(pos) == Some(&b'.') {
        let end = scan_digits(text, pos + 1);
        if end == pos + 1 {
            return Err(error(end, "expected a digit after `.`"));
        }
        pos = end;
    }
    if matches!(text.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(text.get(pos), Some(b'+' | b'-')) {
            pos += 1;
        }
        let end = scan_digits(text, pos);
        if end == pos {
            return Err(error(end, "expected a digit in the exponent"));
        }
        pos = end;
    }
    Ok(pos)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is zero (exact for the lowest such byte).
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGH_BITS
}

/// The offset of the first byte at or after `from` that a JSON string cannot hold as it is: a
/// control character, `"` or `\`. Eight bytes at a time, as most strings have none.
fn find_special(bytes: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let found = (word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS)
            | zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(pos + (found.trailing_zeros() / 8) as usize);
        }
        pos += 8;
    }
    bytes[pos.min(bytes.len())..].iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\').map(|i| pos + i)
}

/// Scans a string starting at its opening quote; returns the offset after the closing quote.
fn scan_string(text: &[u8], start: usize) -> Result<usize, JsonError> {
    let mut pos = start + 1;
    loop {
        let Some(found) = find_special(text, pos) else {
            return Err(error(text.len(), "unterminated string"));
        };
        pos = found;
        match text[pos] {
            b'"' => return Ok(pos + 1),
            b'\\' => match text.get(pos + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => pos += 2,
                Some(b'u') if text.len() >= pos + 6 && text[pos + 2..pos + 6].iter().all(u8::is_ascii_hexdigit) => {
                    pos += 6
                }
                _ => return Err(error(pos, "invalid escape in a string")),
            },
            _ => return Err(error(pos, "control character in a string")),
        }
    }
}

/// Checks that `text` is one JSON document and copies it compactly (no insignificant
/// whitespace; strings and numbers as written) into `out`.
pub fn minify(text: &str, out: &mut Vec<u8>) -> Result<(), JsonError> {
    let start = out.len();
    let bytes = text.as_bytes();
    let result = scan_value(bytes, 0, &mut Sink { out: Some(out), spaced: false }, 0).and_then(|end| {
        let end = skip_whitespace(bytes, end);
        if end == bytes.len() { Ok(()) } else { Err(error(end, "unexpected text after the value")) }
    });
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// The decoded text of a JSON string token (with its quotes).
pub fn decode_string(token: &str) -> Result<Cow<'_, str>, JsonError> {
    let inner = &token[1..token.len() - 1];
    if !inner.contains('\\') {
        return Ok(Cow::Borrowed(inner));
    }
    serde_json::from_str::<String>(token).map(Cow::Owned).map_err(|_| error(0, "invalid string"))
}

/// What kind of value a member holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An object.
    Object,
    /// An array.
    Array,
    /// A string.
    String,
    /// A number, `true`, `false` or `null`.
    Scalar,
}

/// A value inside a document: its span and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// What the value is.
    pub kind: Kind,
    /// No insignificant whitespace inside: the text is already what [`minify`] would write.
    pub compact: bool,
}

fn kind_of(first: u8) -> Kind {
    match first {
        b'{' => Kind::Object,
        b'[' => Kind::Array,
        b'"' => Kind::String,
        _ => Kind::Scalar,
    }
}

/// An object member: its decoded name and its value's span.
pub type Member<'t> = (Cow<'t, str>, Span);

/// The members of the object that is the whole of `text` (name decoded, value span), or `None`
/// when the document is valid JSON but not an object. Later duplicates win, as in most parsers.
pub fn object_members(text: &str) -> Result<Option<Vec<Member<'_>>>, JsonError> {
    let bytes = text.as_bytes();
    let start = skip_whitespace(bytes, 0);
    let (members, at) = if bytes.get(start) == Some(&b'{') {
        let (members, end, _) = members_at(text, start)?;
        (Some(members), end)
    } else {
        (None, scan_value(bytes, start, &mut Sink { out: None, spaced: false }, 0)?)
    };
    let end = skip_whitespace(bytes, at);
    if end != bytes.len() {
        return Err(error(end, "unexpected text after the value"));
    }
    Ok(members)
}

/// The members of the object whose `{` is at `start` (spans relative to `text`), the offset
/// after its `}`, and whether any whitespace was skipped inside it.
fn members_at(text: &str, start: usize) -> Result<(Vec<Member<'_>>, usize, bool), JsonError> {
    let bytes = text.as_bytes();
    let mut members = Vec::new();
    // Whitespace between the members; the values report their own.
    let mut outer = Sink { out: None, spaced: false };
    let mut at = outer.skip(bytes, start + 1);
    if bytes.get(at) == Some(&b'}') {
        return Ok((members, at + 1, outer.spaced));
    }
    loop {
        at = outer.skip(bytes, at);
        if bytes.get(at) != Some(&b'"') {
            return Err(error(at, "expected a member name in double quotes"));
        }
        let name_end = scan_string(bytes, at)?;
        let name = decode_string(&text[at..name_end])?;
        at = outer.skip(bytes, name_end);
        if bytes.get(at) != Some(&b':') {
            return Err(error(at, "expected `:` after a member name"));
        }
        let value_start = outer.skip(bytes, at + 1);
        let mut sink = Sink { out: None, spaced: false };
        let value_end = scan_value(bytes, value_start, &mut sink, 1)?;
        let span = Span {
            range: value_start..value_end,
            kind: kind_of(bytes.get(value_start).copied().unwrap_or(b'n')),
            compact: !sink.spaced,
        };
        outer.spaced |= sink.spaced;
        members.retain(|(existing, _): &Member<'_>| *existing != name);
        members.push((name, span));
        at = outer.skip(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Ok((members, at + 1, outer.spaced)),
            _ => return Err(error(at, "expected `,` or `}`")),
        }
    }
}

/// An array element: its span and, for an object, its members (spans relative to the array's
/// text), scanned once.
pub type Element<'t> = (Span, Option<Vec<Member<'t>>>);

/// The elements of the array that is the whole of `text`, objects with their members.
pub fn array_items(text: &str) -> Result<Vec<Element<'_>>, JsonError> {
    let bytes = text.as_bytes();
    scan_array(bytes, |value_start| {
        let first = bytes.get(value_start).copied().unwrap_or(b'n');
        let (members, value_end, spaced) = if first == b'{' {
            let (members, end, spaced) = members_at(text, value_start)?;
            (Some(members), end, spaced)
        } else {
            let mut sink = Sink { out: None, spaced: false };
            let end = scan_value(bytes, value_start, &mut sink, 1)?;
            (None, end, sink.spaced)
        };
        Ok(((Span { range: value_start..value_end, kind: kind_of(first), compact: !spaced }, members), value_end))
    })
}

/// The elements of the array that is the whole of `text`.
pub fn array_elements(text: &str) -> Result<Vec<Span>, JsonError> {
    let bytes = text.as_bytes();
    scan_array(bytes, |value_start| {
        let mut sink = Sink { out: None, spaced: false };
        let value_end = scan_value(bytes, value_start, &mut sink, 1)?;
        let kind = kind_of(bytes.get(value_start).copied().unwrap_or(b'n'));
        Ok((Span { range: value_start..value_end, kind, compact: !sink.spaced }, value_end))
    })
}

/// Walks the array that is the whole of `bytes`: `element` reads the value starting at an offset
/// and returns what to keep and where the value ends.
fn scan_array<T>(
    bytes: &[u8],
    mut element: impl FnMut(usize) -> Result<(T, usize), JsonError>,
) -> Result<Vec<T>, JsonError> {
    let start = skip_whitespace(bytes, 0);
    if bytes.get(start) != Some(&b'[') {
        return Err(error(start, "expected an array"));
    }
    let mut elements = Vec::new();
    let mut at = skip_whitespace(bytes, start + 1);
    if bytes.get(at) == Some(&b']') {
        at += 1;
    } else {
        loop {
            let (item, value_end) = element(skip_whitespace(bytes, at))?;
            elements.push(item);
            at = skip_whitespace(bytes, value_end);
            match bytes.get(at) {
                Some(b',') => at += 1,
                Some(b']') => {
                    at += 1;
                    break;
                }
                _ => return Err(error(at, "expected `,` or `]`")),
            }
        }
    }
    let end = skip_whitespace(bytes, at);
    if end != bytes.len() {
        return Err(error(end, "unexpected text after the value"));
    }
    Ok(elements)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `text` as a JSON string, escaped as serde_json escapes.
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(i) = find_special(bytes, start) {
        out.extend_from_slice(&bytes[start..i]);
        let byte = bytes[i];
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(byte >> 4) as usize], HEX[(byte & 15) as usize]])
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Copies a value [`object_members`] or [`array_elements`] found: as it is when it is compact,
/// through [`minify`] otherwise.
pub fn write_value(out: &mut Vec<u8>, text: &str, compact: bool) -> Result<(), JsonError> {
    if compact {
        out.extend_from_slice(text.as_bytes());
        Ok(())
    } else {
        minify(text, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minified(text: &str) -> Result<String, JsonError> {
        let mut out = Vec::new();
        minify(text, &mut out).map(|()| String::from_utf8(out).unwrap())
    }

    #[test]
    fn minify_drops_whitespace_and_keeps_tokens() {
        assert_eq!(
            minified(" { \"a\" : [ 1 , -2.5e3 , true , null , \"x\\/ y\" ] , \"b\" : { } } ").unwrap(),
            r#"{"a":[1,-2.5e3,true,null,"x\/ y"],"b":{}}"#
        );
        assert_eq!(minified("[]").unwrap(), "[]");
    }

    #[test]
    fn minify_rejects_what_json_parsers_reject() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"a\nb\"", "\"\\x\"", "{} x", "-"] {
            assert!(minified(bad).is_err(), "{bad:?} should be invalid");
            assert!(serde_json::from_str::<serde_json::Value>(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(minified(&deep).unwrap_err().message, "nesting is too deep");
    }

    #[test]
    fn strings_end_at_the_first_unescaped_quote() {
        let long = "0123456789abcdef";
        let text = format!("\"{long}\\\"{long}\"x");
        assert_eq!(scan_string(text.as_bytes(), 0), Ok(text.len() - 1));
        assert_eq!(scan_string(format!("\"{long}\u{1}\"").as_bytes(), 0).unwrap_err().offset, 17);
        assert_eq!(scan_string(format!("\"{long}").as_bytes(), 0).unwrap_err().message, "unterminated string");
    }

    #[test]
    fn compact_values_are_marked_so_they_can_be_copied_as_they_are() {
        let text = r#"{"a":{"b":[1,"x y"]},"c":{ "d":1},"e":[1 ,2]}"#;
        let members = object_members(text).unwrap().unwrap();
        assert_eq!(members.iter().map(|(_, span)| span.compact).collect::<Vec<_>>(), [true, false, false]);
        for (_, span) in &members {
            let mut copied = Vec::new();
            write_value(&mut copied, &text[span.range.clone()], span.compact).unwrap();
            let mut minified = Vec::new();
            minify(&text[span.range.clone()], &mut minified).unwrap();
            assert_eq!(copied, minified);
        }
    }

    #[test]
    fn members_and_elements_are_found_with_their_kinds() {
        let text = r#"{"schema":"iglu:a\/b","data":[{"x":1}, 2],"schema":"iglu:c"}"#;
        let members = object_members(text).unwrap().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].0, "data");
        assert_eq!(members[1].0, "schema");
        assert_eq!(&text[members[1].1.range.clone()], "\"iglu:c\"");
        let array = &text[members[0].1.range.clone()];
        let elements = array_elements(array).unwrap();
        assert_eq!(elements.iter().map(|e| e.kind).collect::<Vec<_>>(), [Kind::Object, Kind::Scalar]);
        let items = array_items(array).unwrap();
        assert_eq!(items.iter().map(|(span, _)| span.clone()).collect::<Vec<_>>(), elements);
        let inner = items[0].1.as_ref().unwrap();
        assert_eq!((inner[0].0.as_ref(), &array[inner[0].1.range.clone()]), ("x", "1"));
        assert!(items[1].1.is_none());
        assert_eq!(object_members("[1]").unwrap(), None);
        assert_eq!(decode_string(r#""iglu:a\/b""#).unwrap(), "iglu:a/b");
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let long = "eight by".repeat(3);
        let mut texts =
            vec!["plain".to_owned(), "quote \" backslash \\ tab \t nl \n".into(), "\u{1}\u{1f} é 😀".into()];
        // Every special byte at every position of an eight-byte word, and after it.
        for special in ['"', '\\', '\u{0}', '\n', '\u{1f}'] {
            for at in 0..long.len() {
                texts.push(format!("{}{special}{}", &long[..at], &long[at..]));
            }
        }
        texts.push(format!("{long}\u{7f}\u{20}~"));
        for text in &texts {
            let mut out = Vec::new();
            write_string(&mut out, text);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(text).unwrap());
        }
    }
}
