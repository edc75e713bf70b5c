//! Just enough JSON for the hot path: check a document's syntax, copy values compactly, find
//! an object's members and write escaped strings, all without building a value tree.
//!
//! Transforming an event only ever copies entity data through unchanged, so a validating
//! scanner that copies tokens is several times faster than parsing into `serde_json::Value`
//! and printing it again.

use std::borrow::Cow;
use std::ops::Range;

use crate::enrich::scan::{any_of_block, find_json_special, first_json_special_bytes, is_json_special};

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

/// Scans a string starting at its opening quote; returns the offset after the closing quote.
#[inline(always)]
fn scan_string(text: &[u8], start: usize) -> Result<usize, JsonError> {
    // Most names and many values are short: their closing quote is in the first word.
    if let Some(chunk) = text.get(start + 1..start + 9) {
        let found = first_json_special_bytes(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        let end = start + 1 + (found.trailing_zeros() / 8) as usize;
        if found != 0 && text[end] == b'"' {
            return Ok(end + 1);
        }
    }
    scan_long_string(text, start)
}

/// [`scan_string`] for any string.
fn scan_long_string(text: &[u8], start: usize) -> Result<usize, JsonError> {
    let mut pos = start + 1;
    loop {
        let Some(found) = find_json_special(text, pos) else {
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

/// The end of the value at `pos` when it is valid JSON holding no insignificant whitespace,
/// exactly where [`skip_value`] at the same `depth` would end it without skipping any; `None`
/// for anything else (whitespace, invalid JSON, too deep), which [`skip_value`] then reads and
/// explains. Tracker JSON is nearly always compact, and this loop is several times cheaper.
pub fn skip_compact(text: &str, pos: usize, depth: usize) -> Option<usize> {
    compact_value(text.as_bytes(), pos, depth)
}

fn compact_value(bytes: &[u8], pos: usize, depth: usize) -> Option<usize> {
    match *bytes.get(pos)? {
        b'"' => scan_string(bytes, pos).ok(),
        open @ (b'{' | b'[') => {
            if depth >= MAX_DEPTH {
                return None;
            }
            let close = if open == b'{' { b'}' } else { b']' };
            let mut at = pos + 1;
            if *bytes.get(at)? == close {
                return Some(at + 1);
            }
            loop {
                if open == b'{' {
                    if *bytes.get(at)? != b'"' {
                        return None;
                    }
                    at = scan_string(bytes, at).ok()?;
                    if *bytes.get(at)? != b':' {
                        return None;
                    }
                    at += 1;
                }
                at = compact_value(bytes, at, depth + 1)?;
                match *bytes.get(at)? {
                    b',' => at += 1,
                    byte if byte == close => return Some(at + 1),
                    _ => return None,
                }
            }
        }
        b't' => compact_literal(bytes, pos, b"true"),
        b'f' => compact_literal(bytes, pos, b"false"),
        b'n' => compact_literal(bytes, pos, b"null"),
        b'-' | b'0'..=b'9' => scan_number(bytes, pos).ok(),
        _ => None,
    }
}

fn compact_literal(bytes: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    bytes[pos..].starts_with(word).then_some(pos + word.len())
}

/// Walks the compact object whose `{` is at `start`, as [`walk_object`] does but giving up
/// (`None`) on whitespace or any error: `member(raw_name, value_start)` gets each name between
/// its quotes, still escaped, and returns the end of the value. Returns the offset after `}`.
pub fn walk_compact_object<'t>(
    text: &'t str,
    start: usize,
    mut member: impl FnMut(&'t str, usize) -> Option<usize>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = start + 1;
    if *bytes.get(at)? == b'}' {
        return Some(at + 1);
    }
    loop {
        if *bytes.get(at)? != b'"' {
            return None;
        }
        let name_end = scan_string(bytes, at).ok()?;
        if *bytes.get(name_end)? != b':' {
            return None;
        }
        at = member(&text[at + 1..name_end - 1], name_end + 1)?;
        match *bytes.get(at)? {
            b',' => at += 1,
            b'}' => return Some(at + 1),
            _ => return None,
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
    let start = value_start(text);
    let (members, end) = if text.as_bytes().get(start) == Some(&b'{') {
        let mut members = Vec::new();
        let (end, _) = walk_object(text, start, |name, value_start| {
            let name = decode_string(name)?;
            let span = value_span(text, value_start)?;
            let scanned = (span.range.end, !span.compact);
            members.retain(|(existing, _): &Member<'_>| *existing != name);
            members.push((name, span));
            Ok(scanned)
        })?;
        (Some(members), end)
    } else {
        (None, skip_value(text, start, 0)?.0)
    };
    expect_end(text, end)?;
    Ok(members)
}

/// Whether a member name token (with its quotes) names `name`.
pub fn name_is(token: &str, name: &str) -> bool {
    let inner = &token[1..token.len() - 1];
    inner == name || (inner.contains('\\') && decode_string(token).is_ok_and(|decoded| decoded == name))
}

/// Checks the value starting at `start` (after whitespace); returns the offset after it and
/// whether any insignificant whitespace was skipped inside it.
pub fn skip_value(text: &str, start: usize, depth: usize) -> Result<(usize, bool), JsonError> {
    let mut sink = Sink { out: None, spaced: false };
    let end = scan_value(text.as_bytes(), start, &mut sink, depth)?;
    Ok((end, sink.spaced))
}

/// The span of the value starting at `start` (after whitespace), one level inside a document.
fn value_span(text: &str, start: usize) -> Result<Span, JsonError> {
    let (end, spaced) = skip_value(text, start, 1)?;
    let kind = kind_of(text.as_bytes().get(start).copied().unwrap_or(b'n'));
    Ok(Span { range: start..end, kind, compact: !spaced })
}

/// Walks the object whose `{` is at `start`, in one pass: `member(name_token, value_start)`
/// reads each value (`value_start` is after whitespace) and returns what [`skip_value`] would.
/// Returns the offset after the `}` and whether any whitespace was skipped inside the object.
pub fn walk_object<'t>(
    text: &'t str,
    start: usize,
    mut member: impl FnMut(&'t str, usize) -> Result<(usize, bool), JsonError>,
) -> Result<(usize, bool), JsonError> {
    let bytes = text.as_bytes();
    let mut outer = Sink { out: None, spaced: false };
    let mut at = outer.skip(bytes, start + 1);
    if bytes.get(at) == Some(&b'}') {
        return Ok((at + 1, outer.spaced));
    }
    loop {
        at = outer.skip(bytes, at);
        if bytes.get(at) != Some(&b'"') {
            return Err(error(at, "expected a member name in double quotes"));
        }
        let name_end = scan_string(bytes, at)?;
        let name = &text[at..name_end];
        at = outer.skip(bytes, name_end);
        if bytes.get(at) != Some(&b':') {
            return Err(error(at, "expected `:` after a member name"));
        }
        let (value_end, spaced) = member(name, outer.skip(bytes, at + 1))?;
        outer.spaced |= spaced;
        at = outer.skip(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return Ok((at + 1, outer.spaced)),
            _ => return Err(error(at, "expected `,` or `}`")),
        }
    }
}

/// Walks the array whose `[` is at `start`, as [`walk_object`] walks an object.
pub fn walk_array(
    text: &str,
    start: usize,
    mut element: impl FnMut(usize) -> Result<(usize, bool), JsonError>,
) -> Result<(usize, bool), JsonError> {
    let bytes = text.as_bytes();
    let mut outer = Sink { out: None, spaced: false };
    let mut at = outer.skip(bytes, start + 1);
    if bytes.get(at) == Some(&b']') {
        return Ok((at + 1, outer.spaced));
    }
    loop {
        let (value_end, spaced) = element(outer.skip(bytes, at))?;
        outer.spaced |= spaced;
        at = outer.skip(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b']') => return Ok((at + 1, outer.spaced)),
            _ => return Err(error(at, "expected `,` or `]`")),
        }
    }
}

/// Checks that nothing but whitespace follows a document's value ending at `end`.
pub fn expect_end(text: &str, end: usize) -> Result<(), JsonError> {
    let end = skip_whitespace(text.as_bytes(), end);
    if end == text.len() { Ok(()) } else { Err(error(end, "unexpected text after the value")) }
}

/// Where a document's value starts (after leading whitespace).
pub fn value_start(text: &str) -> usize {
    skip_whitespace(text.as_bytes(), 0)
}

/// The elements of the array that is the whole of `text`.
pub fn array_elements(text: &str) -> Result<Vec<Span>, JsonError> {
    let start = value_start(text);
    if text.as_bytes().get(start) != Some(&b'[') {
        return Err(error(start, "expected an array"));
    }
    let mut elements = Vec::new();
    let (end, _) = walk_array(text, start, |value_start| {
        let span = value_span(text, value_start)?;
        let scanned = (span.range.end, !span.compact);
        elements.push(span);
        Ok(scanned)
    })?;
    expect_end(text, end)?;
    Ok(elements)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `text` as a JSON string, escaped as serde_json escapes.
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    write_escaped(out, text);
    out.push(b'"');
}

/// Whether any of 16 bytes is `special`.
#[inline(always)]
fn any_16(block: &[u8], special: impl Fn(u8) -> bool) -> bool {
    any_of_block::<16>(block, special)
}

/// Whether `bytes` (16 or more) hold any `special` byte, 16 at a time.
fn any_in_blocks(bytes: &[u8], special: impl Fn(u8) -> bool + Copy) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    // The last 16 bytes again: some were seen already, none of them is special.
    blocks.any(|block| any_16(block, special)) || any_16(&bytes[bytes.len() - 16..], special)
}

/// Whether `bytes` hold any byte that must be escaped in a JSON string (most texts hold none).
pub fn needs_escaping(bytes: &[u8]) -> bool {
    if bytes.len() < 16 {
        return bytes.iter().any(|&byte| is_json_special(byte));
    }
    any_in_blocks(bytes, is_json_special)
}

/// [`needs_escaping`] for the column `line[range]` of a TSV line, which holds no TAB. A short
/// column is tested with the 16 bytes of the line from its start, one block instead of a byte
/// at a time; the other columns' bytes in that block may make the answer a needless yes.
pub fn tsv_column_needs_escaping(line: &[u8], range: Range<usize>) -> bool {
    let special = |byte: u8| is_json_special(byte) & (byte != b'\t');
    let column = &line[range.clone()];
    if column.len() >= 16 {
        return any_in_blocks(column, special);
    }
    match line.get(range.start..range.start + 16) {
        Some(block) => any_16(block, special),
        None => column.iter().any(|&byte| special(byte)),
    }
}

/// Whether TSV text (several columns, with their tabs) holds any byte but a tab that must be
/// escaped in a JSON string.
pub fn tsv_text_needs_escaping(bytes: &[u8]) -> bool {
    let special = |byte: u8| is_json_special(byte) & (byte != b'\t');
    if bytes.len() < 16 {
        return bytes.iter().any(|&byte| special(byte));
    }
    // 64 bytes at a time: one test and branch for four vectors of them.
    let mut blocks = bytes.chunks_exact(64);
    if blocks.by_ref().any(|block| any_of_block::<64>(block, special)) {
        return true;
    }
    match blocks.remainder() {
        rest if rest.len() >= 16 => any_in_blocks(rest, special),
        // Fewer than 16 left: the last 16 bytes of the text, some already seen.
        _ => any_16(&bytes[bytes.len() - 16..], special),
    }
}

/// Writes the inside of [`write_string`]: `text` escaped, without the quotes.
pub fn write_escaped(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if !needs_escaping(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut start = 0;
    while let Some(i) = find_json_special(bytes, start) {
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
        assert_eq!(object_members("[1]").unwrap(), None);
        assert_eq!(decode_string(r#""iglu:a\/b""#).unwrap(), "iglu:a/b");
    }

    #[test]
    fn walks_visit_members_and_elements_in_one_pass() {
        let text = r#"{ "a" : [ {"x":1}, "s" ], "d\u0061ta": {"y" :2} }"#;
        let mut seen = Vec::new();
        let (end, spaced) = walk_object(text, 0, |name, value| {
            seen.push((name.to_owned(), name_is(name, "data")));
            if name_is(name, "a") {
                return walk_array(text, value, |element| {
                    let (end, spaced) = skip_value(text, element, 2)?;
                    seen.push((text[element..end].to_owned(), spaced));
                    Ok((end, spaced))
                });
            }
            skip_value(text, value, 1)
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("\"a\"".to_owned(), false),
                (r#"{"x":1}"#.to_owned(), false),
                ("\"s\"".to_owned(), false),
                ("\"d\\u0061ta\"".to_owned(), true),
            ]
        );
        assert!(spaced);
        assert_eq!(expect_end(text, end), Ok(()));
        assert!(expect_end("{} x", 2).is_err());
        assert!(walk_object(r#"{"a":[1,]}"#, 0, |_, value| skip_value(r#"{"a":[1,]}"#, value, 1)).is_err());
    }

    #[test]
    fn short_tsv_columns_are_tested_with_their_neighbours_and_never_missed() {
        let line = b"ab\tc\"d\tplain\ttail\"";
        // `ab` is tested with the bytes after it, which hold a quote: a needless yes.
        assert!(tsv_column_needs_escaping(line, 0..2));
        assert!(tsv_column_needs_escaping(line, 3..6));
        // Near the end of the line, only the column itself is read.
        assert!(!tsv_column_needs_escaping(line, 7..12));
        assert!(tsv_column_needs_escaping(line, 13..18));
        let long = format!("{}\t{}\"", "x".repeat(40), "y".repeat(40));
        assert!(!tsv_column_needs_escaping(long.as_bytes(), 0..40));
        assert!(tsv_column_needs_escaping(long.as_bytes(), 41..82));
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
        // A special byte followed by the neighbours inexact bit tricks take for special ones,
        // at every offset of the text's last, partly seen word.
        for special in ['"', '\\', '\u{0}', '\u{1f}'] {
            for neighbour in [' ', '!', '#', ']', '\u{1}'] {
                for before in 0..10 {
                    for after in 0..10 {
                        texts.push(format!("{}{special}{neighbour}{}", &long[..before], &long[..after]));
                    }
                }
            }
        }
        for text in &texts {
            let mut out = Vec::new();
            write_string(&mut out, text);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn the_first_special_byte_is_found_wherever_it_is() {
        // Specials next to bytes a borrow could turn into false matches (0x20, 0x21, 0x23,
        // 0x5b, 0x5d) and bytes with the high bit set.
        let alphabet = [b'"', b'\\', 0, 0x1f, b'\t', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff, b'a'];
        let mut state = 0x853c_49e6_748f_ea9bu64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let bytes: Vec<u8> = (0..len).map(|i| alphabet[(state >> (i % 60)) as usize % alphabet.len()]).collect();
            for from in 0..=len {
                let naive = bytes[from..].iter().position(|&b| is_json_special(b)).map(|i| from + i);
                assert_eq!(find_json_special(&bytes, from), naive, "{bytes:?} from {from}");
            }
        }
    }

    #[test]
    fn compact_scans_agree_with_the_general_scanner() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        let mut texts: Vec<String> = [
            r#"{"a":[1,-2.5e3,true,false,null,"x\"y\u00e9\/"],"b":{},"c":[]}"#,
            r#"{"a" :1}"#,
            r#"{"a":1 }"#,
            "[1, 2]",
            "[1,]",
            r#"{"a":1,}"#,
            r#"{"a"}"#,
            "01",
            "-",
            "1.",
            "1e",
            "tru",
            "nul",
            "\"open",
            "\"\\x\"",
            "\"a\\u12\"",
            "\"short\"",
            "\"a string longer than eight bytes\"",
            "\"é😀\"",
            "{}x",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        texts.extend([120, 126, 127, 128, 129, 130].map(deep));
        for text in &texts {
            for depth in [0, 1, 3, 100] {
                if let Some(end) = skip_compact(text, 0, depth) {
                    assert_eq!(skip_value(text, 0, depth), Ok((end, false)), "{text} at depth {depth}");
                }
            }
        }
        assert_eq!(skip_compact(&texts[0], 0, 0), Some(texts[0].len()));
        assert_eq!(skip_compact(&texts[1], 0, 0), None, "whitespace is left to the general scanner");
    }
}
