//! Finds where a JSON pointer points in the original text, so findings carry line and column.
//!
//! Parsers that build values (serde_json, serde_yaml) drop positions; keeping them for every
//! node would slow down the common case where a file has no findings. Instead, a file that has
//! findings is scanned once more to index the position of every node ([`JsonPositions`]).

use std::collections::HashMap;

use crate::source::{Position, position_of};

/// Splits a JSON pointer into unescaped tokens (`~1` → `/`, `~0` → `~`).
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

/// Escapes one token for use in a JSON pointer.
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A pointer as a dotted key path, the way YAML users name keys: `aws.s3.buckets.raw.in[0]`
/// for `/aws/s3/buckets/raw/in/0`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer_tokens(pointer) {
        if token.parse::<usize>().is_ok() {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// Line starts of a text, to turn byte offsets into line and column.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|start| *start <= offset);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        Position { line, column }
    }
}

/// The position of every node of a JSON document: the key of each object member, the start
/// of every other value.
#[derive(Debug)]
pub struct JsonPositions<'a> {
    nodes: HashMap<String, usize>,
    lines: LineIndex<'a>,
}

impl<'a> JsonPositions<'a> {
    /// Scans `text` (which should be valid JSON; anything after an error is simply not indexed).
    pub fn new(text: &'a str) -> Self {
        let mut scanner = Scanner { bytes: text.as_bytes(), at: 0 };
        let mut nodes = HashMap::new();
        scanner.ws();
        nodes.insert(String::new(), scanner.at);
        let _ = scanner.index(&mut String::new(), &mut nodes, 0);
        JsonPositions { nodes, lines: LineIndex::new(text) }
    }

    /// Where `pointer` points; when it goes further than the document, the deepest existing node.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        let mut prefix = pointer;
        loop {
            if let Some(offset) = self.nodes.get(prefix) {
                return Some(self.lines.position(*offset));
            }
            prefix = &prefix[..prefix.rfind('/')?];
        }
    }
}

/// Where `pointer` points in the JSON `text` (see [`JsonPositions`] for many pointers).
pub fn locate_json(text: &str, pointer: &str) -> Option<Position> {
    JsonPositions::new(text).position(pointer)
}

/// Nesting beyond this is not indexed (serde_json refuses documents deeper than 128 anyway).
const MAX_INDEX_DEPTH: usize = 256;

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Skips a string starting at `"` and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        serde_json::from_slice(&self.bytes[start..self.at]).ok()
    }

    /// Records the offset of every node inside the value at the cursor, under `pointer`.
    fn index(&mut self, pointer: &mut String, nodes: &mut HashMap<String, usize>, depth: usize) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            open @ (b'{' | b'[') if depth < MAX_INDEX_DEPTH => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.ws();
                if self.peek()? == close {
                    self.at += 1;
                    return Some(());
                }
                let mut item = 0usize;
                loop {
                    self.ws();
                    let len = pointer.len();
                    pointer.push('/');
                    if open == b'{' {
                        let key_at = self.at;
                        let key = self.string()?;
                        pointer.push_str(&escape_pointer_token(&key));
                        nodes.insert(pointer.clone(), key_at);
                        self.expect(b':')?;
                    } else {
                        self.ws();
                        pointer.push_str(&item.to_string());
                        nodes.insert(pointer.clone(), self.at);
                        item += 1;
                    }
                    self.index(pointer, nodes, depth + 1)?;
                    pointer.truncate(len);
                    self.ws();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b if b == close => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.at += 1;
                }
            }
        }
        Some(())
    }
}

/// Where `pointer` points in the YAML `text`: the key of a mapping member, the `-` of a
/// sequence item. Block style is followed through indentation (comments, blank lines, quoted
/// keys, compact sequences and `- key: value` items included); a flow collection (`[…]`,
/// `{…}`) is searched from where it starts. When the pointer goes further than the document,
/// the deepest node found. A key given twice resolves to its last occurrence, the one YAML
/// loaders keep.
pub fn locate_yaml(text: &str, pointer: &str) -> Option<Position> {
    let walk = walk_yaml(text, &pointer_tokens(pointer));
    walk.deepest.map(|offset| position_of(text.as_bytes(), offset))
}

/// Every occurrence of the mapping key `pointer` names, in document order (more than one when
/// the key is duplicated). Empty when the pointer does not lead to a block mapping member.
pub fn locate_yaml_all(text: &str, pointer: &str) -> Vec<Position> {
    walk_yaml(text, &pointer_tokens(pointer)).matches.into_iter().map(|o| position_of(text.as_bytes(), o)).collect()
}

/// A line of YAML content (blank lines, comments and document markers are left out), or the
/// part of a line that follows a sequence item's `-` or a mapping key's `:`.
#[derive(Debug, Clone, Copy)]
struct YamlLine<'a> {
    /// Byte offset of `text` in the document.
    offset: usize,
    /// Column of `text` counted in bytes (only spaces and `- ` can precede it, all ASCII).
    indent: usize,
    /// The content, without leading or trailing spaces.
    text: &'a str,
}

fn yaml_lines(text: &str) -> Vec<YamlLine<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let marker =
            indent == 0 && (content.starts_with("---") || content.starts_with("...") || content.starts_with('%'));
        if !(content.is_empty() || content.starts_with('#') || marker) {
            lines.push(YamlLine { offset: start + indent, indent, text: content.trim_end() });
        }
        start += raw.len();
    }
    lines
}

/// For a sequence item (`- …` or a lone `-`), the byte index just after the dash.
fn sequence_dash(text: &str) -> Option<usize> {
    (text == "-" || text.starts_with("- ") || text.starts_with("-\t")).then_some(1)
}

/// The end of the quoted string that starts at `bytes[0]`: the index of its closing quote.
fn closing_quote(bytes: &[u8]) -> Option<usize> {
    let quote = *bytes.first()?;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The text of a quoted scalar including its quotes.
fn unquote(quoted: &str) -> String {
    if quoted.starts_with('"') {
        serde_json::from_str(quoted).unwrap_or_else(|_| quoted[1..quoted.len() - 1].to_owned())
    } else {
        quoted[1..quoted.len() - 1].replace("''", "'")
    }
}

/// The key of a block mapping entry and the byte index just after its `:`.
fn mapping_key(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let value_follows = |i: usize| matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'));
    match bytes.first()? {
        b'"' | b'\'' => {
            let end = closing_quote(bytes)?;
            let colon = end + 1 + text[end + 1..].len() - text[end + 1..].trim_start().len();
            (bytes.get(colon) == Some(&b':') && value_follows(colon)).then(|| (unquote(&text[..=end]), colon + 1))
        }
        b'-' if sequence_dash(text).is_some() => None,
        b'[' | b'{' | b'?' | b'&' | b'*' | b'!' | b'|' | b'>' => None,
        _ => {
            for (i, b) in bytes.iter().enumerate() {
                match b {
                    b':' if value_follows(i) => return Some((text[..i].trim_end().to_owned(), i + 1)),
                    b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return None,
                    _ => {}
                }
            }
            None
        }
    }
}

/// What follows a key's `:` or an item's `-` on the same line, as a line of its own; `None`
/// when the value starts on the next line. Anchors and tags before the value are skipped.
fn inline_value<'a>(line: YamlLine<'a>, after: usize) -> Option<YamlLine<'a>> {
    let mut rest = &line.text[after..];
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        if rest.starts_with(['&', '!']) {
            rest = rest.find([' ', '\t']).map_or("", |i| &rest[i..]);
        } else {
            break;
        }
    }
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let start = line.text.len() - rest.len();
    Some(YamlLine { offset: line.offset + start, indent: line.indent + start, text: rest })
}

/// The lines holding the value of the entry at `block[index]`: its inline part, then the more
/// indented lines below it (and, under a mapping key, a compact sequence at the same indent).
fn entry_value<'a>(block: &[YamlLine<'a>], index: usize, inline: Option<YamlLine<'a>>, key: bool) -> Vec<YamlLine<'a>> {
    let entry = block[index];
    let mut value: Vec<YamlLine<'a>> = inline.into_iter().collect();
    if value.first().is_some_and(|l| l.text.starts_with(['|', '>'])) {
        // A block scalar: its lines are text, not nodes.
        return value;
    }
    let below = &block[index + 1..];
    let is_item = |l: &YamlLine<'_>| l.indent == entry.indent && sequence_dash(l.text).is_some();
    let compact = key && inline.is_none() && below.first().is_some_and(is_item);
    value.extend(below.iter().take_while(|l| l.indent > entry.indent || (compact && is_item(l))).copied());
    value
}

#[derive(Debug, Default)]
struct Walk {
    /// The deepest node reached.
    deepest: Option<usize>,
    /// Every occurrence of the final token, when the whole pointer was found in block style.
    matches: Vec<usize>,
}

fn walk_yaml(text: &str, tokens: &[String]) -> Walk {
    let mut block = yaml_lines(text);
    let mut walk = Walk { deepest: block.first().map(|l| l.offset), matches: Vec::new() };
    for (depth, token) in tokens.iter().enumerate() {
        let Some(first) = block.first().copied() else { break };
        if first.text.starts_with(['[', '{']) {
            if let Some(found) = locate_flow(text.as_bytes(), first.offset, &tokens[depth..]) {
                walk.deepest = Some(found);
            }
            break;
        }
        let entries = (0..block.len()).filter(|&i| block[i].indent == first.indent);
        let hits: Vec<(usize, usize)> = if sequence_dash(first.text).is_some() {
            let Ok(wanted) = token.parse::<usize>() else { break };
            entries.filter_map(|i| sequence_dash(block[i].text).map(|after| (i, after))).skip(wanted).take(1).collect()
        } else {
            entries
                .filter_map(|i| mapping_key(block[i].text).filter(|(k, _)| k == token).map(|(_, after)| (i, after)))
                .collect()
        };
        let Some(&(index, after)) = hits.last() else { break };
        walk.deepest = Some(block[index].offset);
        if depth + 1 == tokens.len() {
            walk.matches = hits.iter().map(|(i, _)| block[*i].offset).collect();
            break;
        }
        let is_key = sequence_dash(first.text).is_none();
        block = entry_value(&block, index, inline_value(block[index], after), is_key);
    }
    walk
}

/// Follows `tokens` into the flow collection at `start`; returns the deepest offset found.
fn locate_flow(bytes: &[u8], start: usize, tokens: &[String]) -> Option<usize> {
    let mut flow = Flow { bytes, at: start };
    let mut found = None;
    for token in tokens {
        flow.ws();
        let at = match flow.peek()? {
            b'{' => flow.find_member(token),
            b'[' => token.parse().ok().and_then(|i| flow.find_item(i)),
            _ => None,
        };
        let Some(at) = at else { break };
        found = Some(at);
    }
    found
}

/// A scanner over YAML flow collections (`[a, b]`, `{k: v}`), with plain or quoted scalars.
struct Flow<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Flow<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                b'#' => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.at += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Skips a quoted scalar starting at the quote.
    fn quoted(&mut self) -> Option<()> {
        self.at += closing_quote(&self.bytes[self.at..])? + 1;
        Some(())
    }

    /// Skips any value: a quoted or plain scalar, or a nested collection.
    fn value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' | b'\'' => self.quoted()?,
            b'[' | b'{' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' | b'\'' => {
                            self.quoted()?;
                            continue;
                        }
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(self.peek(), None | Some(b',' | b']' | b'}')) {
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    /// Reads a key inside `{…}` and moves past its `:` (if any).
    fn key(&mut self) -> Option<String> {
        let key = match self.peek()? {
            b'"' | b'\'' => {
                let start = self.at;
                self.quoted()?;
                unquote(std::str::from_utf8(&self.bytes[start..self.at]).ok()?)
            }
            _ => {
                let start = self.at;
                loop {
                    match self.peek() {
                        None | Some(b',' | b'}' | b']') => break,
                        Some(b':')
                            if matches!(
                                self.bytes.get(self.at + 1),
                                None | Some(b' ' | b'\t' | b'\n' | b',' | b'}')
                            ) =>
                        {
                            break;
                        }
                        _ => self.at += 1,
                    }
                }
                String::from_utf8_lossy(&self.bytes[start..self.at]).trim_end().to_owned()
            }
        };
        self.ws();
        if self.peek() == Some(b':') {
            self.at += 1;
        }
        Some(key)
    }

    /// At `{`: moves to the value of member `name` and returns the offset of its key.
    fn find_member(&mut self, name: &str) -> Option<usize> {
        self.at += 1;
        loop {
            self.ws();
            if matches!(self.peek()?, b'}' | b']') {
                return None;
            }
            let key_at = self.at;
            let key = self.key()?;
            self.ws();
            if key == name {
                return Some(key_at);
            }
            if !matches!(self.peek()?, b',' | b'}') {
                self.value()?;
                self.ws();
            }
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
    }

    /// At `[`: moves to item `index` and returns its offset.
    fn find_item(&mut self, index: usize) -> Option<usize> {
        self.at += 1;
        for _ in 0..index {
            self.ws();
            if matches!(self.peek()?, b']' | b'}') {
                return None;
            }
            self.value()?;
            self.ws();
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
        self.ws();
        if matches!(self.peek()?, b']' | b'}') { None } else { Some(self.at) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"schema\": \"iglu:x\",\n  \"data\": {\n    \"a/b\": [1, {\"k\": \"v\"}],\n    \"s\": \"x\\\"y\"\n  }\n}";

    fn at(pointer: &str) -> (usize, usize) {
        let p = locate_json(DOC, pointer).unwrap();
        (p.line, p.column)
    }

    #[test]
    fn locates_members_and_items() {
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("/schema"), (2, 3));
        assert_eq!(at("/data/a~1b"), (4, 5));
        assert_eq!(at("/data/a~1b/1"), (4, 16));
        assert_eq!(at("/data/a~1b/1/k"), (4, 17));
        assert_eq!(at("/data/s"), (5, 5));
    }

    #[test]
    fn falls_back_to_the_deepest_existing_node() {
        assert_eq!(at("/data/missing"), (3, 3));
        assert_eq!(at("/data/a~1b/7"), (4, 5));
    }

    const YAML: &str = "\
# a comment
---
aws:
  access_key_id: x   # trailing comment

  \"quoted key\": 1
  'it''s': 2
  s3:
    buckets:
      in:
        - a
        # between items
        - b
      compact:
      - c
      - d
      flow: [e, f, {g: h}]
      map: {k: v, \"q\": [1, 2]}
      url: http://x:y # colon inside a value
  items:
    - name: a
      val: 1
    -
      name: b
    - - nested
  anchored: &base
    inner: 1
  text: |
    looks: like a key
top: 1
";

    fn yaml_at(pointer: &str) -> (usize, usize) {
        let p = locate_yaml(YAML, pointer).unwrap();
        (p.line, p.column)
    }

    #[test]
    fn locates_yaml_mapping_members() {
        assert_eq!(yaml_at(""), (3, 1));
        assert_eq!(yaml_at("/aws"), (3, 1));
        assert_eq!(yaml_at("/aws/access_key_id"), (4, 3));
        assert_eq!(yaml_at("/aws/quoted key"), (6, 3));
        assert_eq!(yaml_at("/aws/it's"), (7, 3));
        assert_eq!(yaml_at("/aws/s3/buckets/url"), (19, 7));
        assert_eq!(yaml_at("/aws/anchored/inner"), (27, 5));
        assert_eq!(yaml_at("/top"), (30, 1));
    }

    #[test]
    fn locates_yaml_sequence_items() {
        assert_eq!(yaml_at("/aws/s3/buckets/in/0"), (11, 9));
        assert_eq!(yaml_at("/aws/s3/buckets/in/1"), (13, 9));
        assert_eq!(yaml_at("/aws/s3/buckets/compact/1"), (16, 7));
        assert_eq!(yaml_at("/aws/items/0/val"), (22, 7));
        assert_eq!(yaml_at("/aws/items/1/name"), (24, 7));
        assert_eq!(yaml_at("/aws/items/2/0"), (25, 7));
    }

    #[test]
    fn locates_inside_one_line_flow_collections() {
        assert_eq!(yaml_at("/aws/s3/buckets/flow/1"), (17, 17));
        assert_eq!(yaml_at("/aws/s3/buckets/flow/2/g"), (17, 21));
        assert_eq!(yaml_at("/aws/s3/buckets/map/q/1"), (18, 28));
    }

    #[test]
    fn yaml_falls_back_to_the_deepest_found_node() {
        assert_eq!(yaml_at("/aws/s3/missing"), (8, 3));
        assert_eq!(yaml_at("/aws/s3/buckets/in/5"), (10, 7));
        assert_eq!(yaml_at("/aws/s3/buckets/flow/9"), (17, 7));
        assert_eq!(yaml_at("/aws/text/looks"), (28, 3));
        assert_eq!(yaml_at("/nothing"), (3, 1));
    }

    #[test]
    fn duplicate_keys_resolve_to_the_last_and_are_all_listed() {
        let text = "a:\n  b: 1\n  c: 2\n  b:\n    d: 3\n";
        assert_eq!(locate_yaml(text, "/a/b/d"), Some(Position { line: 5, column: 5 }));
        let all: Vec<usize> = locate_yaml_all(text, "/a/b").iter().map(|p| p.line).collect();
        assert_eq!(all, [2, 4]);
    }
}
