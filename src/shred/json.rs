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

/// Scans one value starting at `pos` (after whitespace), copying it without insignificant
/// whitespace into `out` when given; returns the offset after it.
fn scan_value(text: &[u8], pos: usize, out: &mut Option<&mut Vec<u8>>, depth: usize) -> Result<usize, JsonError> {
    let pos = skip_whitespace(text, pos);
    let Some(&first) = text.get(pos) else {
        return Err(error(pos, "expected a value, found the end of the text"));
    };
    match first {
        b'"' => {
            let end = scan_string(text, pos)?;
            if let Some(out) = out {
                out.extend_from_slice(&text[pos..end]);
            }
            Ok(end)
        }
        b'{' | b'[' => {
            if depth >= MAX_DEPTH {
                return Err(error(pos, "nesting is too deep"));
            }
            let object = first == b'{';
            let close = if object { b'}' } else { b']' };
            push(out, first);
            let mut at = skip_whitespace(text, pos + 1);
            if text.get(at) == Some(&close) {
                push(out, close);
                return Ok(at + 1);
            }
            loop {
                if object {
                    at = skip_whitespace(text, at);
                    if text.get(at) != Some(&b'"') {
                        return Err(error(at, "expected a member name in double quotes"));
                    }
                    let end = scan_string(text, at)?;
                    if let Some(out) = out {
                        out.extend_from_slice(&text[at..end]);
                    }
                    at = skip_whitespace(text, end);
                    if text.get(at) != Some(&b':') {
                        return Err(error(at, "expected `:` after a member name"));
                    }
                    push(out, b':');
                    at += 1;
                }
                at = skip_whitespace(text, scan_value(text, at, out, depth + 1)?);
                match text.get(at) {
                    Some(b',') => {
                        push(out, b',');
                        at += 1;
                    }
                    Some(&c) if c == close => {
                        push(out, close);
                        return Ok(at + 1);
                    }
                    _ => return Err(error(at, if object { "expected `,` or `}`" } else { "expected `,` or `]`" })),
                }
            }
        }
        b't' => literal(text, pos, b"true", out),
        b'f' => literal(text, pos, b"false", out),
        b'n' => literal(text, pos, b"null", out),
        b'-' | b'0'..=b'9' => {
            let end = scan_number(text, pos)?;
            if let Some(out) = out {
                out.extend_from_slice(&text[pos..end]);
            }
            Ok(end)
        }
        _ => Err(error(pos, "expected a value")),
    }
}

fn push(out: &mut Option<&mut Vec<u8>>, byte: u8) {
    if let Some(out) = out {
        out.push(byte);
    }
}

fn literal(text: &[u8], pos: usize, word: &[u8], out: &mut Option<&mut Vec<u8>>) -> Result<usize, JsonError> {
    if text[pos..].starts_with(word) {
        if let Some(out) = out {
            out.extend_from_slice(word);
        }
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

/// Scans a string starting at its opening quote; returns the offset after the closing quote.
fn scan_string(text: &[u8], start: usize) -> Result<usize, JsonError> {
    let mut pos = start + 1;
    loop {
        let Some(found) = memchr::memchr3(b'"', b'\\', b'\n', &text[pos..]) else {
            return Err(error(text.len(), "unterminated string"));
        };
        if let Some(control) = text[pos..pos + found].iter().position(|&b| b < 0x20) {
            return Err(error(pos + control, "control character in a string"));
        }
        pos += found;
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
    let result = scan_value(bytes, 0, &mut Some(out), 0).and_then(|end| {
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
    if bytes.get(start) != Some(&b'{') {
        let end = skip_whitespace(bytes, scan_value(bytes, start, &mut None, 0)?);
        return if end == bytes.len() { Ok(None) } else { Err(error(end, "unexpected text after the value")) };
    }
    let mut members = Vec::new();
    let mut at = skip_whitespace(bytes, start + 1);
    if bytes.get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            at = skip_whitespace(bytes, at);
            if bytes.get(at) != Some(&b'"') {
                return Err(error(at, "expected a member name in double quotes"));
            }
            let name_end = scan_string(bytes, at)?;
            let name = decode_string(&text[at..name_end])?;
            at = skip_whitespace(bytes, name_end);
            if bytes.get(at) != Some(&b':') {
                return Err(error(at, "expected `:` after a member name"));
            }
            let value_start = skip_whitespace(bytes, at + 1);
            let value_end = scan_value(bytes, value_start, &mut None, 1)?;
            let span =
                Span { range: value_start..value_end, kind: kind_of(bytes.get(value_start).copied().unwrap_or(b'n')) };
            members.retain(|(existing, _): &Member<'_>| *existing != name);
            members.push((name, span));
            at = skip_whitespace(bytes, value_end);
            match bytes.get(at) {
                Some(b',') => at += 1,
                Some(b'}') => {
                    at += 1;
                    break;
                }
                _ => return Err(error(at, "expected `,` or `}`")),
            }
        }
    }
    let end = skip_whitespace(bytes, at);
    if end != bytes.len() {
        return Err(error(end, "unexpected text after the value"));
    }
    Ok(Some(members))
}

/// The elements of the array that is the whole of `text`.
pub fn array_elements(text: &str) -> Result<Vec<Span>, JsonError> {
    let bytes = text.as_bytes();
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
            let value_start = skip_whitespace(bytes, at);
            let value_end = scan_value(bytes, value_start, &mut None, 1)?;
            elements.push(Span {
                range: value_start..value_end,
                kind: kind_of(bytes.get(value_start).copied().unwrap_or(b'n')),
            });
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
    for (i, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(byte >> 4) as usize], HEX[(byte & 15) as usize]]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
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
    fn members_and_elements_are_found_with_their_kinds() {
        let text = r#"{"schema":"iglu:a\/b","data":[{"x":1}, 2],"schema":"iglu:c"}"#;
        let members = object_members(text).unwrap().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].0, "data");
        assert_eq!(members[1].0, "schema");
        assert_eq!(&text[members[1].1.range.clone()], "\"iglu:c\"");
        let elements = array_elements(&text[members[0].1.range.clone()]).unwrap();
        assert_eq!(elements.iter().map(|e| e.kind).collect::<Vec<_>>(), [Kind::Object, Kind::Scalar]);
        assert_eq!(object_members("[1]").unwrap(), None);
        assert_eq!(decode_string(r#""iglu:a\/b""#).unwrap(), "iglu:a/b");
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        for text in ["plain", "quote \" backslash \\ tab \t nl \n", "\u{1}\u{1f} é 😀"] {
            let mut out = Vec::new();
            write_string(&mut out, text);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(text).unwrap());
        }
    }
}
