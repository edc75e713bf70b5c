//! The JSONPath subset the PII enrichment's `jsonPath` uses: `$`, `.name`, `['name']`,
//! `['a', 'b']`, `[0]`, `[0, 2]`, `.*`, `[*]` and `..` (recursive descent). Jayway's
//! `$.data.['a']` spelling (a dot before a bracket) is accepted too.

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Members with these names.
    Names(Vec<String>),
    /// Array elements at these indexes (negative: from the end).
    Indexes(Vec<i64>),
    /// Every member or element.
    Wildcard,
    /// The following step, applied at this level and at every level below it.
    Descendants,
}

/// A parsed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    segments: Vec<Segment>,
}

impl JsonPath {
    /// Parses `text`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        let chars: Vec<char> = text.trim().chars().collect();
        if chars.first() != Some(&'$') {
            return Err(format!("`{text}` must start with `$`"));
        }
        let mut segments = Vec::new();
        let mut i = 1;
        while i < chars.len() {
            match chars[i] {
                '.' if chars.get(i + 1) == Some(&'.') => {
                    segments.push(Segment::Descendants);
                    i += 2;
                    if chars.get(i) != Some(&'[') {
                        i = name_segment(&chars, i, &mut segments, text)?;
                    }
                }
                '.' if chars.get(i + 1) == Some(&'[') => i += 1,
                '.' => i = name_segment(&chars, i + 1, &mut segments, text)?,
                '[' => {
                    let end = bracket_end(&chars, i).ok_or_else(|| format!("`{text}` has an unclosed `[`"))?;
                    let inner: String = chars[i + 1..end].iter().collect();
                    segments
                        .push(bracket(inner.trim()).ok_or_else(|| format!("`{text}`: `[{inner}]` is not supported"))?);
                    i = end + 1;
                }
                other => return Err(format!("`{text}`: unexpected `{other}`")),
            }
        }
        if segments.last() == Some(&Segment::Descendants) {
            return Err(format!("`{text}` ends with `..`"));
        }
        Ok(JsonPath { segments })
    }

    /// Calls `f` on every string the path selects in `value`.
    pub fn for_each_string(&self, value: &mut serde_json::Value, f: &mut dyn FnMut(&mut String)) {
        visit(value, &self.segments, f);
    }
}

fn name_segment(chars: &[char], start: usize, segments: &mut Vec<Segment>, text: &str) -> Result<usize, String> {
    let end = chars[start..].iter().position(|c| matches!(c, '.' | '[')).map_or(chars.len(), |p| start + p);
    let name: String = chars[start..end].iter().collect();
    match name.as_str() {
        "" => return Err(format!("`{text}` has an empty name")),
        "*" => segments.push(Segment::Wildcard),
        _ => segments.push(Segment::Names(vec![name])),
    }
    Ok(end)
}

/// The index of the `]` closing the `[` at `start`, skipping quoted text.
fn bracket_end(chars: &[char], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in chars.iter().enumerate().skip(start + 1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, ']') => return Some(i),
            _ => {}
        }
    }
    None
}

fn bracket(inner: &str) -> Option<Segment> {
    if inner == "*" {
        return Some(Segment::Wildcard);
    }
    let items: Vec<&str> = inner.split(',').map(str::trim).collect();
    if items.iter().all(|item| {
        item.len() >= 2
            && (item.starts_with('\'') && item.ends_with('\'') || item.starts_with('"') && item.ends_with('"'))
    }) {
        return Some(Segment::Names(items.iter().map(|item| item[1..item.len() - 1].to_owned()).collect()));
    }
    items.iter().map(|item| item.parse::<i64>().ok()).collect::<Option<Vec<_>>>().map(Segment::Indexes)
}

fn visit(value: &mut serde_json::Value, segments: &[Segment], f: &mut dyn FnMut(&mut String)) {
    use serde_json::Value;
    let Some((segment, rest)) = segments.split_first() else {
        if let Value::String(text) = value {
            f(text);
        }
        return;
    };
    match (segment, value) {
        (Segment::Descendants, value) => {
            visit(value, rest, f);
            match value {
                Value::Object(map) => map.values_mut().for_each(|child| visit(child, segments, f)),
                Value::Array(items) => items.iter_mut().for_each(|child| visit(child, segments, f)),
                _ => {}
            }
        }
        (Segment::Names(names), Value::Object(map)) => {
            for name in names {
                if let Some(child) = map.get_mut(name) {
                    visit(child, rest, f);
                }
            }
        }
        (Segment::Indexes(indexes), Value::Array(items)) => {
            let len = items.len() as i64;
            for &index in indexes {
                let position = if index < 0 { len + index } else { index };
                if let Some(child) = usize::try_from(position).ok().and_then(|p| items.get_mut(p)) {
                    visit(child, rest, f);
                }
            }
        }
        (Segment::Wildcard, Value::Object(map)) => map.values_mut().for_each(|child| visit(child, rest, f)),
        (Segment::Wildcard, Value::Array(items)) => items.iter_mut().for_each(|child| visit(child, rest, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn selected(path: &str, mut value: serde_json::Value) -> Vec<String> {
        let mut out = Vec::new();
        JsonPath::parse(path).unwrap().for_each_string(&mut value, &mut |s| out.push(s.clone()));
        out
    }

    #[test]
    fn the_forms_configs_use() {
        let data =
            json!({"recipient": "a@b", "data": {"email": "c@d", "ip_opt": "1.2.3.4", "n": 5}, "list": ["x", "y"]});
        assert_eq!(selected("$['recipient']", data.clone()), ["a@b"]);
        assert_eq!(selected("$.data.['email', 'ip_opt']", data.clone()), ["c@d", "1.2.3.4"]);
        assert_eq!(selected("$.data.email", data.clone()), ["c@d"]);
        assert_eq!(selected("$.list[1]", data.clone()), ["y"]);
        assert_eq!(selected("$.list[-1]", data.clone()), ["y"]);
        assert_eq!(selected("$.list[*]", data.clone()), ["x", "y"]);
        assert_eq!(selected("$..email", data.clone()), ["c@d"]);
        assert_eq!(selected("$.data.*", data.clone()), ["c@d", "1.2.3.4"]);
        assert!(selected("$.missing.email", data).is_empty());
    }

    #[test]
    fn bad_paths_are_refused() {
        assert!(JsonPath::parse("data.email").is_err());
        assert!(JsonPath::parse("$.data[").is_err());
        assert!(JsonPath::parse("$.data[1:2]").is_err());
        assert!(JsonPath::parse("$..").is_err());
    }
}
