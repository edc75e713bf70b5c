//! URL splitting the way Enrich does it with `java.net.URI` (RFC 2396 with the RFC 2732 IPv6
//! extension): the scheme as written, the host (none for registry-style authorities such as
//! hosts with `_`), the port, and the raw, still percent-encoded path, query and fragment.
//!
//! Enrich first replaces spaces with `%20`; when Java still rejects the text, a lenient parser
//! re-encodes the offending characters. [`parse_page_uri`] does both and returns the text that
//! ends up in `page_url` / `page_referrer`.

use std::borrow::Cow;
use std::ops::Range;

/// The parts of a parsed URI, as byte ranges of the text it was parsed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UriParts {
    /// `http`, `https`, … as written.
    pub scheme: Option<Range<usize>>,
    /// The host of a server-based authority.
    pub host: Option<Range<usize>>,
    /// The explicit port, if any.
    pub port: Option<u32>,
    /// The raw path (empty ranges are `None`).
    pub path: Option<Range<usize>>,
    /// The raw query.
    pub query: Option<Range<usize>>,
    /// The raw fragment.
    pub fragment: Option<Range<usize>>,
}

impl UriParts {
    /// The port Enrich writes: the explicit one, else 443 for `https` and 80 for anything else.
    pub fn effective_port(&self, text: &str) -> u32 {
        self.port.unwrap_or_else(|| match &self.scheme {
            Some(range) if &text[range.clone()] == "https" => 443,
            _ => 80,
        })
    }
}

fn non_empty(range: Range<usize>) -> Option<Range<usize>> {
    (range.end > range.start).then_some(range)
}

const UNRESERVED_PUNCT: &[u8] = b"-_.!~*'()";

/// Which ASCII characters a component allows unescaped: unreserved ones plus its punctuation.
/// Bytes from 0x80 are `false` here, for [`check_component`] to look at as characters.
const fn component_chars(punct: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    while i < UNRESERVED_PUNCT.len() {
        table[UNRESERVED_PUNCT[i] as usize] = true;
        i += 1;
    }
    let mut i = 0;
    while i < punct.len() {
        table[punct[i] as usize] = true;
        i += 1;
    }
    table
}

/// Characters allowed unescaped in a component (`allowed`, from [`component_chars`]).
/// Non-ASCII characters are Java's "other" category and always allowed (but not controls or
/// spaces, which are checked on the decoded `char`).
fn check_component(text: &str, range: Range<usize>, allowed: &[bool; 256], what: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        // Skip the run of plain characters up to the next escape or unusual byte.
        i += bytes[i..range.end].iter().position(|&b| !allowed[usize::from(b)]).unwrap_or(range.end - i);
        if i == range.end {
            break;
        }
        let b = bytes[i];
        if b == b'%' {
            let ok = i + 2 < range.end && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit();
            if !ok {
                return Err(format!("Malformed escape pair at index {i}: {text}"));
            }
            i += 3;
            continue;
        }
        if b >= 0x80 {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            if c.is_control() || c.is_whitespace() {
                return Err(format!("Illegal character in {what} at index {i}: {text}"));
            }
            i += c.len_utf8();
            continue;
        }
        return Err(format!("Illegal character in {what} at index {i}: {text}"));
    }
    Ok(())
}

static PATH_CHARS: [bool; 256] = component_chars(b":@&=+$,;/");
static URIC_CHARS: [bool; 256] = component_chars(b";/?:@&=+$,[]");
static USERINFO_CHARS: [bool; 256] = component_chars(b";:&=+$,");
static REG_NAME_CHARS: [bool; 256] = component_chars(b"$,;:@&=+");

/// Parses `text` as `java.net.URI` does. The error is Java's message.
pub fn parse_java(text: &str) -> Result<UriParts, String> {
    let bytes = text.as_bytes();
    let mut parts = UriParts::default();
    if text.is_empty() {
        return Ok(parts);
    }
    // Fragment: everything after the first '#'.
    let end = match memchr::memchr(b'#', bytes) {
        Some(hash) => {
            check_component(text, hash + 1..text.len(), &URIC_CHARS, "fragment")?;
            parts.fragment = non_empty(hash + 1..text.len());
            hash
        }
        None => text.len(),
    };
    // Scheme: letters, digits, + - . before the first ':' that precedes any / ? #.
    let mut position = 0;
    let first_delimiter = bytes[..end].iter().position(|b| matches!(b, b':' | b'/' | b'?'));
    if let Some(colon) = first_delimiter.filter(|&i| bytes[i] == b':') {
        if colon == 0 {
            return Err(format!("Expected scheme name at index 0: {text}"));
        }
        let scheme = &bytes[..colon];
        if !scheme[0].is_ascii_alphabetic() {
            return Err(format!("Illegal character in scheme name at index 0: {text}"));
        }
        if let Some(bad) = scheme.iter().position(|b| !(b.is_ascii_alphanumeric() || b"+-.".contains(b))) {
            return Err(format!("Illegal character in scheme name at index {bad}: {text}"));
        }
        parts.scheme = Some(0..colon);
        position = colon + 1;
        if position == end {
            return Err(format!("Expected scheme-specific part at index {position}: {text}"));
        }
        if bytes[position] != b'/' {
            // Opaque URI (mailto:…): no host, path or query.
            check_component(text, position..end, &URIC_CHARS, "opaque part")?;
            return Ok(parts);
        }
    }
    let (path_end, query) = match memchr::memchr(b'?', &bytes[position..end]) {
        Some(q) => (position + q, Some(position + q + 1..end)),
        None => (end, None),
    };
    if let Some(query) = query {
        check_component(text, query.clone(), &URIC_CHARS, "query")?;
        parts.query = non_empty(query);
    }
    let mut path_start = position;
    if bytes[position..path_end].starts_with(b"//") {
        let authority_start = position + 2;
        let authority_end =
            bytes[authority_start..path_end].iter().position(|&b| b == b'/').map_or(path_end, |i| authority_start + i);
        parse_authority(text, authority_start..authority_end, &mut parts)?;
        path_start = authority_end;
    } else if parts.scheme.is_none() && position == path_start && bytes.get(position) == Some(&b':') {
        return Err(format!("Expected scheme name at index 0: {text}"));
    }
    check_component(text, path_start..path_end, &PATH_CHARS, "path")?;
    parts.path = non_empty(path_start..path_end);
    Ok(parts)
}

fn parse_authority(text: &str, range: Range<usize>, parts: &mut UriParts) -> Result<(), String> {
    if range.is_empty() {
        return Ok(());
    }
    let bytes = text.as_bytes();
    // Server-based: [userinfo@]host[:port]; otherwise Java keeps it as a registry name.
    let host_start = bytes[range.clone()].iter().rposition(|&b| b == b'@').map_or(range.start, |i| range.start + i + 1);
    let userinfo_ok =
        host_start == range.start || check_component(text, range.start..host_start - 1, &USERINFO_CHARS, "").is_ok();
    let (host, port) = if bytes[host_start] == b'[' {
        match bytes[host_start..range.end].iter().position(|&b| b == b']') {
            Some(close) => {
                let close = host_start + close;
                let rest = close + 1..range.end;
                if !bytes[host_start + 1..close].iter().all(|b| b.is_ascii_hexdigit() || b":.".contains(b)) {
                    return Err(format!("Malformed IPv6 address at index {host_start}: {text}"));
                }
                (host_start..close + 1, rest)
            }
            None => return Err(format!("Expected closing bracket for IPv6 address at index {}: {text}", range.end)),
        }
    } else {
        match bytes[host_start..range.end].iter().rposition(|&b| b == b':') {
            Some(colon) => (host_start..host_start + colon, host_start + colon..range.end),
            None => (host_start..range.end, range.end..range.end),
        }
    };
    let port_text = if port.is_empty() { "" } else { &text[port.start + 1..port.end] };
    let port_ok = port_text.bytes().all(|b| b.is_ascii_digit());
    if userinfo_ok && port_ok && is_server_host(&text[host.clone()]) {
        parts.host = non_empty(host);
        if !port_text.is_empty() {
            parts.port = Some(port_text.parse().map_err(|_| format!("Illegal port number: {text}"))?);
        }
        return Ok(());
    }
    check_component(text, range, &REG_NAME_CHARS, "authority")
}

/// A hostname (labels of letters, digits and inner hyphens; the last label starts with a
/// letter), an IPv4 address or a bracketed IPv6 address.
fn is_server_host(host: &str) -> bool {
    if host.is_empty() {
        return false;
    }
    if host.starts_with('[') {
        return true;
    }
    let trimmed = host.strip_suffix('.').unwrap_or(host);
    // One pass over the labels (every page URL has a host), for both readings at once.
    let (mut labels, mut all_numeric, mut all_bytes, mut hostname, mut last_alphabetic) = (0, true, true, true, false);
    for b in trimmed.as_bytes().split(|&byte| byte == b'.') {
        labels += 1;
        let numeric = !b.is_empty() && b.len() <= 3 && b.iter().all(u8::is_ascii_digit);
        all_numeric &= numeric;
        all_bytes &= numeric && b.iter().fold(0, |n, digit| n * 10 + u32::from(digit - b'0')) <= 255;
        hostname &= !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-');
        last_alphabetic = b.first().is_some_and(u8::is_ascii_alphabetic);
    }
    if labels == 4 && all_numeric {
        return all_bytes;
    }
    hostname && last_alphabetic
}

/// Percent-encodes everything Java rejects (controls, spaces, `"<>\^`{|}`, stray `%`, a second
/// `#`), as the lenient fallback parser does.
fn reencode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut seen_hash = false;
    for (i, c) in text.char_indices() {
        let bad = match c {
            '%' => {
                !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            }
            '#' => std::mem::replace(&mut seen_hash, true),
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '[' | ']' => true,
            c => c.is_control() || c.is_whitespace(),
        };
        if bad {
            let mut buffer = [0u8; 4];
            for b in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a page or referer URI as Enrich does: spaces become `%20`, then Java's parser, then
/// the lenient re-encoding. Returns the text to store and its parts, or the failure message.
pub fn parse_page_uri(raw: &str) -> Result<(Cow<'_, str>, UriParts), String> {
    let text: Cow<'_, str> =
        if raw.as_bytes().contains(&b' ') { Cow::Owned(raw.replace(' ', "%20")) } else { Cow::Borrowed(raw) };
    let java_error = match parse_java(&text) {
        Ok(parts) => return Ok((text, parts)),
        Err(error) => error,
    };
    let fixed = reencode(&text);
    match parse_java(&fixed) {
        Ok(parts) => Ok((Cow::Owned(fixed), parts)),
        Err(lenient_error) => Err(format!(
            "Provided URI [{raw}] could not be parsed, neither by Java parsing ({java_error}) nor by Scala parsing ({lenient_error})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> [Option<String>; 6] {
        let (text, parts) = parse_page_uri(text).unwrap();
        let get = |r: &Option<Range<usize>>| r.clone().map(|r| text[r].to_owned());
        [
            get(&parts.scheme),
            get(&parts.host),
            Some(parts.effective_port(&text).to_string()),
            get(&parts.path),
            get(&parts.query),
            get(&parts.fragment),
        ]
    }

    fn some(values: [&str; 6]) -> [Option<String>; 6] {
        values.map(|v| (!v.is_empty()).then(|| v.to_owned()))
    }

    #[test]
    fn server_hosts_are_told_from_registry_names_as_before() {
        // The label rules as first written, one collected list at a time.
        fn reference(host: &str) -> bool {
            if host.is_empty() {
                return false;
            }
            if host.starts_with('[') {
                return true;
            }
            let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
            if labels.len() == 4
                && labels.iter().all(|l| !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()))
            {
                return labels.iter().all(|l| l.parse::<u16>().is_ok_and(|n| n <= 255));
            }
            let label_ok = |l: &&str| {
                let b = l.as_bytes();
                !b.is_empty()
                    && b[0].is_ascii_alphanumeric()
                    && b[b.len() - 1].is_ascii_alphanumeric()
                    && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            };
            labels.iter().all(label_ok) && labels.last().is_some_and(|l| l.as_bytes()[0].is_ascii_alphabetic())
        }
        for host in [
            "",
            ".",
            "a",
            "1",
            "a.b",
            "a.b.",
            "1.2.3.4",
            "1.2.3.4.",
            "1.2.3.256",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.a",
            "a-b.c",
            "-a.b",
            "a-.b",
            "a.1b",
            "a.b1",
            "a..b",
            "my_host.com",
            "[::1]",
            "x.y.z.w",
            "0001.2.3.4",
            "a.b.c.d1",
            "\u{e9}.com",
        ] {
            assert_eq!(is_server_host(host), reference(host), "{host:?}");
        }
    }

    #[test]
    fn splits_like_java() {
        assert_eq!(
            split("http://www.psychicbazaar.com/crystals/335-howlite-tumble-stone.html?view=print#detail"),
            some([
                "http",
                "www.psychicbazaar.com",
                "80",
                "/crystals/335-howlite-tumble-stone.html",
                "view=print",
                "detail"
            ])
        );
        assert_eq!(
            split("file://file:///Users/alex/overridden-url/"),
            some(["file", "file", "80", "///Users/alex/overridden-url/", "", ""])
        );
        assert_eq!(split("https://a.b:8443/x?"), some(["https", "a.b", "8443", "/x", "", ""]));
        assert_eq!(split("https://a.b"), some(["https", "a.b", "443", "", "", ""]));
        assert_eq!(split("http://my_host.com/p"), some(["http", "", "80", "/p", "", ""]));
        assert_eq!(split("http://[::1]:81/"), some(["http", "[::1]", "81", "/", "", ""]));
        assert_eq!(split("mailto:a@b.c"), some(["mailto", "", "80", "", "", ""]));
    }

    #[test]
    fn fixes_spaces_and_reencodes_what_java_rejects() {
        let (text, _) = parse_page_uri("http://a.com/a b").unwrap();
        assert_eq!(text, "http://a.com/a%20b");
        let (text, parts) = parse_page_uri("http://a.com/p?q={x}&r=%zz").unwrap();
        assert_eq!(text, "http://a.com/p?q=%7Bx%7D&r=%25zz");
        assert_eq!(&text[parts.query.unwrap()], "q=%7Bx%7D&r=%25zz");
        assert!(parse_java("http://a.com/%zz").unwrap_err().starts_with("Malformed escape pair"));
        assert!(parse_page_uri("1http://x").unwrap_err().contains("neither by Java parsing"));
    }
}
