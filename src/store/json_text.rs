//! Minifying and pretty-printing JSON text without parsing it into values, so nothing but
//! insignificant whitespace ever changes: numbers keep their spelling (`1.50`, `1e3`, integers
//! beyond 64 bits), strings keep their escapes, objects keep their key order.
//!
//! Both functions expect text that is already known to be valid JSON.

/// Walks `json`, calling `token` for every character outside strings that is not whitespace and
/// `string` for every character of a string literal (quotes included).
fn walk(json: &str, mut token: impl FnMut(char, Option<char>), mut string: impl FnMut(char)) {
    let mut chars = json.chars().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            string(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            string(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            // The next significant character, for spotting empty containers.
            while chars.peek().is_some_and(|n| matches!(n, ' ' | '\t' | '\n' | '\r')) {
                chars.next();
            }
            token(c, chars.peek().copied());
        }
    }
}

/// The JSON with every insignificant whitespace character removed.
pub fn minify(json: &str) -> String {
    let out = std::cell::RefCell::new(String::with_capacity(json.len()));
    walk(json, |c, _| out.borrow_mut().push(c), |c| out.borrow_mut().push(c));
    out.into_inner()
}

/// The JSON indented by two spaces per level, one member or element per line, `": "` after
/// keys, empty containers as `{}` and `[]`, and no trailing newline (the layout of
/// `serde_json::to_string_pretty`).
pub fn pretty(json: &str) -> String {
    let out = std::cell::RefCell::new(String::with_capacity(json.len() * 2));
    let mut depth = 0usize;
    let mut skip_close = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    walk(
        json,
        |c, next| {
            let mut out = out.borrow_mut();
            match c {
                '{' | '[' => {
                    out.push(c);
                    if matches!((c, next), ('{', Some('}')) | ('[', Some(']'))) {
                        skip_close = true;
                    } else {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
                '}' | ']' if skip_close => {
                    skip_close = false;
                    out.push(c);
                }
                '}' | ']' => {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                    out.push(c);
                }
                ',' => {
                    out.push(',');
                    newline(&mut out, depth);
                }
                ':' => out.push_str(": "),
                _ => out.push(c),
            }
        },
        |c| out.borrow_mut().push(c),
    );
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: &str = r#" { "a b" : [ 1.50 , 1e3 , 123456789012345678901234567890 , -0 ] ,
        "s" : "x \" y \\ } ] , : { [" , "e" : { } , "l" : [ ] , "u" : "caf\u00e9 ☕\t" , "n" : null } "#;

    #[test]
    fn minify_keeps_every_token_as_written() {
        assert_eq!(
            minify(TRICKY),
            r#"{"a b":[1.50,1e3,123456789012345678901234567890,-0],"s":"x \" y \\ } ] , : { [","e":{},"l":[],"u":"caf\u00e9 ☕\t","n":null}"#
        );
    }

    #[test]
    fn pretty_round_trips_through_minify() {
        let text = pretty(TRICKY);
        assert_eq!(minify(&text), minify(TRICKY));
        assert!(text.starts_with("{\n  \"a b\": [\n    1.50,\n"), "{text}");
        assert!(text.contains("\"e\": {},\n  \"l\": [],"), "{text}");
        assert_eq!(pretty(&text), text, "pretty is stable");
    }

    #[test]
    fn pretty_matches_serde_json_where_numbers_agree() {
        let text = r#"{"schema":"iglu:x/y/jsonschema/1-0-0","data":{"n":[1,2,{"k":true}],"e":[],"o":{}}}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(pretty(text), serde_json::to_string_pretty(&value).unwrap());
    }
}
