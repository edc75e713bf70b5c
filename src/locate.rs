//! Finds where a JSON pointer points in the original text, so findings carry line and column.
//!
//! Parsers that build values (serde_json, serde_yaml) drop positions; keeping them for every
//! node would slow down the common case where a file has no findings. Instead the text is
//! rescanned only for findings, and only up to the node asked for.

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

/// Where `pointer` points in the JSON `text`: the member's key for object members, the value
/// otherwise. When the pointer goes further than the document, the deepest existing node.
pub fn locate_json(text: &str, pointer: &str) -> Option<Position> {
    let mut scanner = Scanner { bytes: text.as_bytes(), at: 0 };
    scanner.ws();
    let mut found = scanner.at;
    for token in pointer_tokens(pointer) {
        match scanner.peek()? {
            b'{' => {
                let Some(key_at) = scanner.find_member(&token) else { return Some(position_of(scanner.bytes, found)) };
                found = key_at;
            }
            b'[' => {
                let Some(value_at) = token.parse().ok().and_then(|i| scanner.find_item(i)) else {
                    return Some(position_of(scanner.bytes, found));
                };
                found = value_at;
            }
            _ => return Some(position_of(scanner.bytes, found)),
        }
    }
    Some(position_of(scanner.bytes, found))
}

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

    /// Skips any value (the text was already parsed successfully, so it is well formed).
    fn value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                self.at += 1;
                let mut depth = 1usize;
                while depth > 0 {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.at += 1;
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

    /// At `{`: moves to the value of member `name` and returns the offset of its key.
    fn find_member(&mut self, name: &str) -> Option<usize> {
        self.at += 1;
        loop {
            self.ws();
            if self.peek()? == b'}' {
                return None;
            }
            let key_at = self.at;
            let key = self.string()?;
            self.ws();
            self.at += 1; // ':'
            self.ws();
            if key == name {
                return Some(key_at);
            }
            self.value()?;
            self.ws();
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
            if self.peek()? == b']' {
                return None;
            }
            self.value()?;
            self.ws();
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
        self.ws();
        if self.peek()? == b']' { None } else { Some(self.at) }
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
