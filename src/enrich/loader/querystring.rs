//! Querystring decoding exactly as Snowplow does it: Apache HttpClient's
//! `URLEncodedUtils.parse(URI.create("http://localhost/?" + query), charset)`.
//!
//! That call first makes `java.net.URI` accept the text, so a space, `"`, `<`, `>`, `\`, `^`,
//! `` ` ``, `{`, `|`, `}`, a control character or a `%` without two hex digits anywhere in the
//! query (or in a fragment after `#`) rejects the whole querystring. Pairs are then split on `&`
//! and `;`, the name from the value at the first `=`, and both are form-decoded (`+` is a space,
//! `%XX` a byte) in the payload's charset.

use std::borrow::Cow;
use std::fmt;

use crate::enrich::payload::NameValue;
use crate::enrich::scan::{self, has_byte, has_non_ascii, hex_value, packed_name};

/// What `java.net.URI` is given: the query is appended to this prefix, so error indexes count
/// from the start of it.
const URI_PREFIX: &str = "http://localhost/?";

/// A querystring Snowplow could not extract name-value pairs from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerystringError {
    /// The querystring as given.
    pub query: String,
    /// The charset name as given.
    pub encoding: String,
    /// Why it was rejected, worded as the Java exception message (e.g.
    /// `Illegal character in query at index 21: http://localhost/?a=b c`).
    pub reason: String,
}

impl QuerystringError {
    /// The message modern enrich puts in a `collector_payload_format_violation` bad row.
    pub fn expectation(&self) -> String {
        format!("could not extract name-value pairs from querystring with encoding {}: {}", self.encoding, self.reason)
    }
}

impl fmt::Display for QuerystringError {
    /// The legacy (Spark Enrich) message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Exception extracting name-value pairs from querystring [{}] with encoding [{}]: [{}]",
            self.query, self.encoding, self.reason
        )
    }
}

impl std::error::Error for QuerystringError {}

/// The character sets a querystring may be declared in (Java names and aliases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Latin1,
    Ascii,
}

impl Charset {
    fn named(name: &str) -> Option<Charset> {
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" => Some(Charset::Utf8),
            "iso-8859-1" | "iso8859-1" | "iso8859_1" | "iso_8859_1" | "iso_8859-1" | "latin1" | "l1" | "8859_1"
            | "cp819" | "ibm819" | "iso-ir-100" | "csisolatin1" => Some(Charset::Latin1),
            "us-ascii" | "ascii" | "us" | "iso646-us" | "cp367" | "ibm367" | "default" | "ascii7" | "646" => {
                Some(Charset::Ascii)
            }
            _ => None,
        }
    }

    fn decode(self, bytes: Vec<u8>) -> String {
        match self {
            Charset::Utf8 => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
            },
            Charset::Latin1 => bytes.into_iter().map(char::from).collect(),
            Charset::Ascii => {
                bytes.into_iter().map(|b| if b.is_ascii() { char::from(b) } else { '\u{FFFD}' }).collect()
            }
        }
    }
}

/// Parses `query` (still encoded, without the leading `?`) into name-value pairs, in order,
/// duplicates kept. Tokens with an empty name are skipped; a token without `=` has no value.
pub fn parse(query: &str, encoding: &str) -> Result<Vec<NameValue>, QuerystringError> {
    let error = |reason: String| QuerystringError { query: query.to_owned(), encoding: encoding.to_owned(), reason };
    let charset = Charset::named(encoding).ok_or_else(|| error(encoding.to_owned()))?;
    let query_end = memchr::memchr(b'#', query.as_bytes()).unwrap_or(query.len());
    if let Err(reason) = check_uri_chars(query, 0, query_end, "query") {
        return Err(error(reason));
    }
    if query_end < query.len()
        && let Err(reason) = check_uri_chars(query, query_end + 1, query.len(), "fragment")
    {
        return Err(error(reason));
    }
    Ok(split_pairs(&query[..query_end], charset))
}

fn split_pairs(query: &str, charset: Charset) -> Vec<NameValue> {
    let mut pairs = Vec::with_capacity(query.len() / 12 + 1);
    let bytes = query.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let name_end = memchr::memchr3(b'&', b';', b'=', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let name = &query[pos..name_end];
        let mut value = None;
        pos = name_end;
        if pos < bytes.len() {
            let delimiter = bytes[pos];
            pos += 1;
            if delimiter == b'=' {
                let value_end = memchr::memchr2(b'&', b';', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
                value = Some(&query[pos..value_end]);
                // Skip the separator after the value.
                pos = value_end + 1;
            }
        }
        if !name.is_empty() {
            pairs.push(NameValue {
                name: shared_name(form_decode(name, charset)),
                value: value.map(|v| form_decode(v, charset).into_owned()),
            });
        }
    }
    pairs
}

/// The tracker-protocol and collector parameter names: every event repeats them, so the
/// decoded name is shared instead of allocated when it is one of these.
const COMMON_NAMES: &[&str] = &[
    "e", "p", "tv", "tna", "aid", "eid", "tid", "dtm", "stm", "ttm", "tz", "uid", "duid", "nuid", "tnuid", "vid",
    "sid", "ip", "ua", "fp", "mac", "url", "page", "refr", "res", "vp", "ds", "cd", "cs", "lang", "cookie", "ctype",
    "f_pdf", "f_qt", "f_realp", "f_wma", "f_dir", "f_fla", "f_java", "f_gears", "f_ag", "pp_mix", "pp_max", "pp_miy",
    "pp_may", "se_ca", "se_ac", "se_la", "se_pr", "se_va", "ue_na", "ue_pr", "ue_px", "co", "cx", "tr_id", "tr_af",
    "tr_tt", "tr_tx", "tr_sh", "tr_ci", "tr_st", "tr_co", "tr_cu", "ti_id", "ti_sk", "ti_nm", "ti_na", "ti_ca",
    "ti_pr", "ti_qu", "ti_cu", "cv", "u",
];

fn shared_name(name: Cow<'_, str>) -> Cow<'static, str> {
    let common = packed_name(name.as_bytes())
        .and_then(|key| COMMON_KEYS.binary_search_by_key(&key, |&(key, _)| key).ok())
        .map(|found| COMMON_KEYS[found].1);
    match common {
        Some(common) => Cow::Borrowed(common),
        None => Cow::Owned(name.into_owned()),
    }
}

/// [`COMMON_NAMES`] packed and sorted, for a binary search instead of string comparisons.
static COMMON_KEYS: [(u64, &str); COMMON_NAMES.len()] = {
    let mut keys = [(0u64, ""); COMMON_NAMES.len()];
    let mut i = 0;
    while i < keys.len() {
        let Some(key) = packed_name(COMMON_NAMES[i].as_bytes()) else { panic!("common names are 1 to 7 bytes") };
        keys[i] = (key, COMMON_NAMES[i]);
        // Insertion sort: the table is built once, at compile time.
        let mut j = i;
        while j > 0 && keys[j - 1].0 > keys[j].0 {
            let earlier = keys[j - 1];
            keys[j - 1] = keys[j];
            keys[j] = earlier;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// `URLEncodedUtils.decodeFormFields`: `+` is a space, `%XX` a byte, and every other UTF-16
/// unit is kept as its low byte (so non-ASCII text must arrive percent-encoded), then the bytes
/// are read in `charset`.
fn form_decode(text: &str, charset: Charset) -> Cow<'_, str> {
    let raw = text.as_bytes();
    let plain = scan::run_len(
        raw,
        |word| has_non_ascii(word) || has_byte(word, b'%') || has_byte(word, b'+'),
        |b| b < 0x80 && b != b'%' && b != b'+',
    );
    if plain == raw.len() {
        return Cow::Borrowed(text);
    }
    let mut bytes = Vec::with_capacity(text.len());
    bytes.extend_from_slice(&raw[..plain]);
    let mut i = plain;
    while i < raw.len() {
        let b = raw[i];
        if b == b'%'
            && i + 2 < raw.len()
            && let (Some(high), Some(low)) = (hex_value(raw[i + 1]), hex_value(raw[i + 2]))
        {
            bytes.push(high << 4 | low);
            i += 3;
        } else if b == b'+' {
            bytes.push(b' ');
            i += 1;
        } else if b.is_ascii() {
            bytes.push(b);
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                bytes.push(*unit as u8);
            }
            i += c.len_utf8();
        }
    }
    Cow::Owned(charset.decode(bytes))
}

/// Characters `java.net.URI` accepts in a query or fragment without escaping: unreserved
/// (`A-Za-z0-9-_.!~*'()`) and reserved (`;/?:@&=+$,[]`).
const fn uri_char_table() -> [bool; 128] {
    let mut table = [false; 128];
    let allowed = b"-_.!~*'();/?:@&=+$,[]";
    let mut i = 0;
    while i < allowed.len() {
        table[allowed[i] as usize] = true;
        i += 1;
    }
    let mut c = b'0';
    while c <= b'9' {
        table[c as usize] = true;
        c += 1;
    }
    let mut c = b'a';
    while c <= b'z' {
        table[c as usize] = true;
        table[(c - 32) as usize] = true;
        c += 1;
    }
    table
}

static URI_CHARS: [bool; 128] = uri_char_table();

/// Bytes [`check_uri_chars`] tests together.
const BLOCK: usize = 16;

/// Whether a byte is in [`URI_CHARS`], as comparisons that vectorise (the table does not).
#[inline(always)]
fn is_uri_char(b: u8) -> bool {
    matches!(b, b'!' | b'$' | b'&'..=b';' | b'=' | b'?'..=b'[' | b']' | b'_' | b'a'..=b'z' | b'~')
}

/// Whether the first [`BLOCK`] bytes of `window` are all URI characters or well-formed escapes
/// (the two bytes after the block complete an escape begun in it).
#[inline(always)]
fn plain_uri_block(window: &[u8; BLOCK + 2]) -> bool {
    let mut plain = true;
    for i in 0..BLOCK {
        let escape = (window[i] == b'%') & window[i + 1].is_ascii_hexdigit() & window[i + 2].is_ascii_hexdigit();
        plain &= is_uri_char(window[i]) | escape;
    }
    plain
}

/// `java.net.URI.Parser.checkChars` over `text[start..end]`: `Err` carries the
/// `URISyntaxException` message.
fn check_uri_chars(text: &str, start: usize, end: usize, component: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        while let Some(window) = bytes[i..end].first_chunk::<{ BLOCK + 2 }>()
            && plain_uri_block(window)
        {
            i += BLOCK;
        }
        // Character by character through the block that stopped the fast path.
        let block_end = (i + BLOCK).min(end);
        while i < block_end {
            let b = bytes[i];
            if b.is_ascii() {
                if URI_CHARS[b as usize] {
                    i += 1;
                    continue;
                }
                if b == b'%' {
                    if i + 2 < end && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() {
                        i += 3;
                        continue;
                    }
                    return Err(uri_error("Malformed escape pair", text, i));
                }
                return Err(uri_error(&format!("Illegal character in {component}"), text, i));
            }
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            if u32::from(c) <= 0x80 || is_java_space_char(c) || is_java_iso_control(c) {
                return Err(uri_error(&format!("Illegal character in {component}"), text, i));
            }
            i += c.len_utf8();
        }
    }
    Ok(())
}

fn uri_error(reason: &str, query: &str, byte_index: usize) -> String {
    // Java counts UTF-16 units from the start of the whole URI string.
    let index = URI_PREFIX.len() + query[..byte_index].encode_utf16().count();
    format!("{reason} at index {index}: {URI_PREFIX}{query}")
}

/// `Character.isSpaceChar`: Unicode space, line and paragraph separators.
fn is_java_space_char(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// `Character.isISOControl`.
fn is_java_iso_control(c: char) -> bool {
    matches!(c, '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}')
}

/// Decodes `text` as `java.net.URLDecoder.decode(text, "UTF-8")` does: `+` is a space, runs of
/// `%XX` are bytes read as UTF-8 (malformed sequences become U+FFFD). `Err` carries Java's
/// exception message for a malformed escape, e.g.
/// `URLDecoder: Illegal hex characters in escape (%) pattern - For input string: "zz"`.
pub fn url_decode(text: &str) -> Result<Cow<'_, str>, String> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Ok(Cow::Borrowed(text));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '+' => {
                out.push(' ');
                i += 1;
            }
            '%' => {
                let mut bytes = Vec::new();
                while i + 2 < chars.len() && chars[i] == '%' {
                    let digits: String = chars[i + 1..i + 3].iter().collect();
                    let value = java_parse_hex(&digits).ok_or_else(|| {
                        format!(
                            "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"{digits}\""
                        )
                    })?;
                    if value < 0 {
                        return Err("URLDecoder: Illegal hex characters in escape (%) pattern - negative value".into());
                    }
                    bytes.push(value as u8);
                    i += 3;
                }
                if i < chars.len() && chars[i] == '%' {
                    return Err("URLDecoder: Incomplete trailing escape (%) pattern".into());
                }
                out.push_str(&String::from_utf8_lossy(&bytes));
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(Cow::Owned(out))
}

/// `Integer.parseInt(two_chars, 16)`: an optional sign then hex digits.
fn java_parse_hex(digits: &str) -> Option<i32> {
    let (negative, rest) = match digits.as_bytes().first() {
        Some(b'-') => (true, &digits[1..]),
        Some(b'+') => (false, &digits[1..]),
        _ => (false, digits),
    };
    if rest.is_empty() {
        return None;
    }
    let value = rest.chars().try_fold(0i32, |acc, c| c.to_digit(16).map(|d| acc * 16 + d as i32))?;
    Some(if negative { -value } else { value })
}

/// Turns CloudFront's double-encoded percents back into single ones: `%25XX` becomes `%XX`
/// (once, left to right), as Snowplow's `singleEncodePcts` does.
pub fn single_encode_pcts(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memmem::find(bytes, b"%25") else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 4 < bytes.len()
            && bytes[i + 1] == b'2'
            && bytes[i + 2] == b'5'
            && bytes[i + 3].is_ascii_hexdigit()
            && bytes[i + 4].is_ascii_hexdigit()
        {
            out.push('%');
            out.push_str(&text[i + 3..i + 5]);
            i += 5;
        } else {
            let next = memchr::memchr(b'%', &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j);
            out.push_str(&text[i..next]);
            i = next;
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Vec<(String, Option<String>)> {
        parse(query, "UTF-8").unwrap().into_iter().map(|p| (p.name.into_owned(), p.value)).collect()
    }

    fn pair(name: &str, value: Option<&str>) -> (String, Option<String>) {
        (name.to_owned(), value.map(str::to_owned))
    }

    #[test]
    fn splits_on_ampersand_and_semicolon_and_decodes() {
        assert_eq!(
            pairs("e=pv&page=A%20b+c;x=%E2%82%AC&flag&=skipped&&y="),
            vec![
                pair("e", Some("pv")),
                pair("page", Some("A b c")),
                pair("x", Some("€")),
                pair("flag", None),
                pair("y", Some("")),
            ]
        );
    }

    #[test]
    fn value_keeps_later_equals_signs() {
        assert_eq!(pairs("a=b=c"), vec![pair("a", Some("b=c"))]);
    }

    #[test]
    fn fragment_ends_the_query() {
        assert_eq!(pairs("a=1#b=2"), vec![pair("a", Some("1"))]);
        assert_eq!(pairs("#a=1"), vec![]);
    }

    #[test]
    fn rejects_what_java_uri_rejects() {
        let error = parse("a=%zz", "UTF-8").unwrap_err();
        assert_eq!(error.reason, "Malformed escape pair at index 20: http://localhost/?a=%zz");
        assert_eq!(
            error.to_string(),
            "Exception extracting name-value pairs from querystring [a=%zz] with encoding [UTF-8]: \
             [Malformed escape pair at index 20: http://localhost/?a=%zz]"
        );
        let error = parse("a=b c", "UTF-8").unwrap_err();
        assert_eq!(error.reason, "Illegal character in query at index 21: http://localhost/?a=b c");
        for bad in ["a=|", "a={}", "a=\"", "a=<", "a=\\", "a=^", "a=`", "a=\t", "a=%4", "a=%", "a=\u{a0}"] {
            assert!(parse(bad, "UTF-8").is_err(), "{bad:?} must be rejected");
        }
        let error = parse("a=1#x y", "UTF-8").unwrap_err();
        assert!(error.reason.starts_with("Illegal character in fragment at index 23"), "{}", error.reason);
        assert!(parse("a=1#b#c", "UTF-8").is_err());
    }

    #[test]
    fn vectorised_uri_char_test_matches_the_table() {
        for b in 0..=255u8 {
            assert_eq!(is_uri_char(b), b < 0x80 && URI_CHARS[b as usize], "{b:#x}");
        }
    }

    /// `check_uri_chars` one character at a time, without the block fast path.
    fn check_slowly(text: &str) -> Result<(), String> {
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            if c == '%' {
                let ok = i + 2 < text.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit();
                if !ok {
                    return Err(uri_error("Malformed escape pair", text, i));
                }
            } else if text[..i].ends_with('%') || (i >= 2 && bytes[i - 2] == b'%' && bytes[i - 1].is_ascii_hexdigit()) {
                // The hex digits of an escape.
            } else if c.is_ascii() && !URI_CHARS[c as usize]
                || !c.is_ascii() && (u32::from(c) <= 0x80 || is_java_space_char(c) || is_java_iso_control(c))
            {
                return Err(uri_error("Illegal character in query", text, i));
            }
        }
        Ok(())
    }

    #[test]
    fn uri_char_blocks_find_every_problem_at_every_offset() {
        let pieces = ["%41", "%4", "%", "%zz", " ", "|", "é", "\u{a0}", "#", "%%41", "\u{85}"];
        for len in 0..=48 {
            for at in 0..len.min(40) {
                for piece in pieces {
                    let text = format!("{}{piece}{}", "a".repeat(at), "b".repeat(len - at));
                    assert_eq!(check_uri_chars(&text, 0, text.len(), "query"), check_slowly(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn error_index_counts_utf16_units() {
        let error = parse("é😀=a b", "UTF-8").unwrap_err();
        assert_eq!(error.reason, "Illegal character in query at index 23: http://localhost/?é😀=a b");
    }

    #[test]
    fn accepts_visible_non_ascii_and_keeps_only_its_low_byte() {
        // URLEncodedUtils truncates each UTF-16 unit to a byte: `é` (U+00E9) is a lone 0xE9.
        assert_eq!(pairs("a=é"), vec![pair("a", Some("\u{FFFD}"))]);
        assert_eq!(parse("a=é", "ISO-8859-1").unwrap()[0].value.as_deref(), Some("é"));
    }

    #[test]
    fn unknown_charset_is_an_error() {
        let error = parse("a=b", "UTF-9").unwrap_err();
        assert_eq!(error.reason, "UTF-9");
    }

    #[test]
    fn url_decode_is_java_url_decoder() {
        assert_eq!(url_decode("a+b%20c%E2%82%AC").unwrap(), "a b c€");
        assert_eq!(url_decode("plain").unwrap(), "plain");
        assert_eq!(
            url_decode("100%zz").unwrap_err(),
            "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"zz\""
        );
        assert_eq!(url_decode("100%").unwrap_err(), "URLDecoder: Incomplete trailing escape (%) pattern");
        assert_eq!(url_decode("100%4").unwrap_err(), "URLDecoder: Incomplete trailing escape (%) pattern");
        assert_eq!(
            url_decode("%-1x").unwrap_err(),
            "URLDecoder: Illegal hex characters in escape (%) pattern - negative value"
        );
    }

    #[test]
    fn single_encode_pcts_undoes_one_level() {
        assert_eq!(single_encode_pcts("page=Celestial%25Tarot"), "page=Celestial%25Tarot");
        assert_eq!(single_encode_pcts("page=Dreaming%2520Way%2520Tarot"), "page=Dreaming%20Way%20Tarot");
        assert_eq!(single_encode_pcts("loading 30%2525 complete"), "loading 30%25 complete");
        assert_eq!(single_encode_pcts("%252541"), "%2541");
        assert_eq!(single_encode_pcts("end%25"), "end%25");
        assert_eq!(single_encode_pcts("end%252"), "end%252");
        assert_eq!(single_encode_pcts("é%2541é"), "é%41é");
    }
}
