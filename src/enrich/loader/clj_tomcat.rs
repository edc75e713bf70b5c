//! Clojure collector access logs written by its Tomcat valve (`clj-tomcat`).
//!
//! The line is CloudFront-like, with `-` as the third field:
//!
//! ```text
//! date time - sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query [- - -] [content-type [body]]
//! ```
//!
//! Collectors from v0.7 append three `-` placeholders, then the URL-encoded content type and
//! the body as URL-safe base64. A content type or body on anything but a POST is an error,
//! except a content type with body `-` (some browsers send one on GET).

use crate::enrich::base64::decode_lenient_text;
use crate::enrich::payload::{CollectorPayload, RequestContext, Source};

use super::querystring::url_decode;
use super::{Fields, LoaderError, LoaderFailure, non_empty};

const DATE: usize = 0;
const TIME: usize = 1;
const EDGE_LOCATION: usize = 2;
const CLIENT_IP: usize = 4;
const METHOD: usize = 5;
const URI_STEM: usize = 7;
const REFERER: usize = 9;
const USER_AGENT: usize = 10;
const URI_QUERY: usize = 11;

/// Loads one Clojure-collector log line.
pub(crate) fn load(line: &str) -> Result<Option<CollectorPayload>, LoaderError> {
    let no_match =
        || LoaderError::single(LoaderFailure::error("Line does not match raw event format for Clojure Collector"));
    let fields = Fields::split(line).ok_or_else(no_match)?;
    if fields.count() < 12 || fields.get(EDGE_LOCATION) != "-" {
        return Err(no_match());
    }
    let (content_type, body) = match_tail(&fields).ok_or_else(no_match)?;
    match (content_type, body) {
        (None, None) | (Some("-"), Some("-")) => build(&fields, None, None),
        (Some(content_type), Some("-")) => build(&fields, Some(content_type), None),
        _ if !fields.get(METHOD).eq_ignore_ascii_case("POST") => {
            Err(LoaderError::single(LoaderFailure::error(format!(
                "Operation must be POST, not {}, if request content type and/or body are provided",
                fields.get(METHOD).to_uppercase()
            ))))
        }
        // A body without a content type decodes an absent content type, which gives "".
        (content_type, body) => build(&fields, Some(content_type.unwrap_or_default()), body),
    }
    .map(Some)
}

/// Matches what follows the querystring against Snowplow's
/// `(?:\s+-\s+-\s+-)?(?:\s+([\S]+)?\s+([\S]+)?)?$`: `Some((content_type, body))` as the regex
/// captures them, `None` if it does not match. Works on the fields `split` already found, so the
/// body (most of a POST line) is not scanned twice.
fn match_tail<'a>(fields: &Fields<'a>) -> Option<(Option<&'a str>, Option<&'a str>)> {
    // (whitespace before, field) for each field after the querystring.
    let mut parts: [(usize, &str); 5] = [(0, ""); 5];
    let count = fields.count() - (URI_QUERY + 1);
    if count > parts.len() {
        return None;
    }
    for (offset, part) in parts[..count].iter_mut().enumerate() {
        let index = URI_QUERY + 1 + offset;
        *part = (fields.gap_after(index - 1), fields.get(index));
    }
    let parts = &parts[..count];
    let trailing = fields.trailing_whitespace();
    if parts.len() >= 3
        && parts[..3].iter().all(|&(_, field)| field == "-")
        && let Some(captures) = match_content(&parts[3..], trailing)
    {
        return Some(captures);
    }
    match_content(parts, trailing)
}

/// `(?:\s+([\S]+)?\s+([\S]+)?)?$` over the given fields.
fn match_content<'a>(parts: &[(usize, &'a str)], trailing: usize) -> Option<(Option<&'a str>, Option<&'a str>)> {
    match *parts {
        // Nothing, or the group with both captures empty (two whitespace characters).
        [] => (trailing == 0 || trailing >= 2).then_some((None, None)),
        [(_, field)] if trailing >= 1 => Some((Some(field), None)),
        [(gap, field)] if gap >= 2 && trailing == 0 => Some((None, Some(field))),
        [(_, content_type), (_, body)] if trailing == 0 => Some((Some(content_type), Some(body))),
        _ => None,
    }
}

fn build(fields: &Fields<'_>, content_type: Option<&str>, body: Option<&str>) -> Result<CollectorPayload, LoaderError> {
    let timestamp = super::log_timestamp(fields.get(DATE), fields.get(TIME));
    let querystring = super::parse_querystring(non_empty(fields.get(URI_QUERY)), "UTF-8");
    let api = super::parse_api(fields.get(URI_STEM));
    let content_type = content_type.map(decode_content_type).transpose();
    let (timestamp, querystring, api, content_type) = match (timestamp, querystring, api, content_type) {
        (Ok(timestamp), Ok(querystring), Ok(api), Ok(content_type)) => (timestamp, querystring, api, content_type),
        (timestamp, querystring, api, content_type) => {
            let failures =
                [timestamp.err(), querystring.err(), api.err(), content_type.err()].into_iter().flatten().collect();
            return Err(LoaderError::from_failures(failures).expect("at least one failure"));
        }
    };
    let body = body.map(|encoded| decode_lenient_text(encoded.as_bytes()));
    Ok(CollectorPayload {
        api,
        querystring,
        content_type,
        body,
        source: Source { name: "clj-tomcat".into(), encoding: "UTF-8".into(), hostname: None },
        context: RequestContext {
            timestamp: Some(timestamp),
            ip_address: non_empty(fields.get(CLIENT_IP)).map(str::to_owned),
            useragent: non_empty(fields.get(USER_AGENT)).map(str::to_owned),
            referer_uri: non_empty(fields.get(REFERER)).map(str::to_owned),
            headers: Vec::new(),
            user_id: None,
        },
    })
}

/// The content type is URL-encoded in the log; line breaks are dropped and tabs widened, as
/// Snowplow's `decodeString` does.
fn decode_content_type(encoded: &str) -> Result<String, LoaderFailure> {
    match url_decode(encoded) {
        Ok(decoded) => Ok(decoded.replace(['\r', '\n'], "").replace('\t', "    ")),
        Err(reason) => Err(LoaderFailure::input(
            format!("Field [Content type]: Exception URL-decoding [{encoded}] (encoding [UTF-8]): [{reason}]"),
            "contentType",
            Some(encoded.to_owned()),
            format!("could not URL-decode content type: {reason}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET: &str = "2013-08-29  00:18:48  -  830 37.157.33.123 GET d3v6ndkyapxc2w.cloudfront.net /i  200 \
         http://snowplowanalytics.com/ Mozilla/5.0%20(Windows) e=pv&page=A%20b";
    const POST: &str = "2014-09-08 13:58:56  - - 37.157.33.178 POST  - /com.snowplowanalytics.snowplow/tp2 200 - \
         python-requests%2F2.2.1 &cv=clj-0.7.0-tom-0.1.0&nuid=f732d278";

    fn error(line: &str) -> String {
        load(line).unwrap_err().to_string()
    }

    const NO_MATCH: &str = "Line does not match raw event format for Clojure Collector";

    #[test]
    fn get_from_old_and_new_collectors() {
        for suffix in ["", " - - -", " - - - - -", "  "] {
            let payload = load(&format!("{GET}{suffix}")).unwrap().unwrap();
            assert_eq!(payload.content_type, None, "{suffix:?}");
            assert_eq!(payload.body, None);
            assert_eq!(payload.querystring[1].value.as_deref(), Some("A b"));
            assert_eq!(payload.context.useragent.as_deref(), Some("Mozilla/5.0%20(Windows)"));
            assert_eq!(payload.source.name, "clj-tomcat");
        }
    }

    #[test]
    fn get_with_content_type_and_no_body_is_accepted() {
        let payload = load(&format!("{GET} - - - application%2Fjson%3B+charset%3Dutf-8 -")).unwrap().unwrap();
        assert_eq!(payload.content_type.as_deref(), Some("application/json; charset=utf-8"));
        assert_eq!(payload.body, None);
    }

    #[test]
    fn get_with_a_body_is_rejected() {
        assert_eq!(
            error(&format!("{GET} - - - application%2Fjson eyJhIjoxfQ")),
            "Operation must be POST, not GET, if request content type and/or body are provided"
        );
    }

    #[test]
    fn post_body_is_url_safe_base64() {
        let payload = load(&format!("{POST} - - - application%2Fjson eyJhIjoiPz8_In0")).unwrap().unwrap();
        assert_eq!(payload.api.version, "tp2");
        assert_eq!(payload.content_type.as_deref(), Some("application/json"));
        assert_eq!(payload.body.as_deref(), Some(r#"{"a":"???"}"#));
        assert_eq!(payload.context.referer_uri, None);
        let values: Vec<_> = payload.querystring.iter().map(|p| p.name.as_ref()).collect();
        assert_eq!(values, ["cv", "nuid"]);
    }

    #[test]
    fn post_without_body_or_content_type() {
        let payload = load(&format!("{POST} - - -")).unwrap().unwrap();
        assert_eq!((payload.content_type, payload.body), (None, None));
    }

    #[test]
    fn malformed_lines() {
        for line in [
            "",
            "garbage",
            &GET.replace("  -  830", "  LHR5  830"),
            &format!("{GET} "),
            &format!("{GET} - - - -"),
            &format!("{GET} a b c"),
            &format!(" {GET}"),
        ] {
            assert_eq!(error(line), NO_MATCH, "{line:?}");
        }
    }

    #[test]
    fn bad_content_type_encoding() {
        let failure = error(&format!("{POST} - - - application%zzjson eyJ9"));
        assert!(failure.starts_with("Field [Content type]: Exception URL-decoding [application%zzjson]"), "{failure}");
    }

    /// `match_tail` on a twelve-field line followed by `tail`.
    fn tail(tail: &str) -> Option<(Option<String>, Option<String>)> {
        let line = format!("a b - d e f g h i j k l{tail}");
        let fields = Fields::split(&line).unwrap();
        match_tail(&fields).map(|(ct, body)| (ct.map(str::to_owned), body.map(str::to_owned)))
    }

    fn captures(ct: Option<&str>, body: Option<&str>) -> Option<(Option<String>, Option<String>)> {
        Some((ct.map(str::to_owned), body.map(str::to_owned)))
    }

    #[test]
    fn tail_captures_follow_the_regex() {
        assert_eq!(tail(""), captures(None, None));
        assert_eq!(tail(" "), None);
        assert_eq!(tail("  "), captures(None, None));
        assert_eq!(tail(" a "), captures(Some("a"), None));
        assert_eq!(tail("  a"), captures(None, Some("a")));
        assert_eq!(tail(" a"), None);
        assert_eq!(tail(" a b"), captures(Some("a"), Some("b")));
        assert_eq!(tail(" - - -"), captures(None, None));
        assert_eq!(tail(" - -"), captures(Some("-"), Some("-")));
        assert_eq!(tail(" - - - a b"), captures(Some("a"), Some("b")));
        assert_eq!(tail(" - - - a b c"), None);
    }

    #[test]
    fn tail_matching_agrees_with_snowplow_regex() {
        let regex = regex::Regex::new(
            "\\A(?:[ \t\n\x0B\x0C\r]+-[ \t\n\x0B\x0C\r]+-[ \t\n\x0B\x0C\r]+-)?\
             (?:[ \t\n\x0B\x0C\r]+([^ \t\n\x0B\x0C\r]+)?[ \t\n\x0B\x0C\r]+([^ \t\n\x0B\x0C\r]+)?)?\\z",
        )
        .unwrap();
        let pieces = [" ", "  ", "\t", "-", "ct", "eyJ9"];
        // Every arrangement of up to five pieces.
        let mut tails = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                tails.iter().flat_map(|tail| pieces.iter().map(move |piece| format!("{tail}{piece}"))).collect();
            tails.extend(longer);
        }
        // What follows the querystring field is empty or starts with whitespace.
        for tail in tails.iter().filter(|tail| tail.is_empty() || tail.starts_with([' ', '\t'])) {
            let expected =
                regex.captures(tail).and_then(|c| captures(c.get(1).map(|m| m.as_str()), c.get(2).map(|m| m.as_str())));
            assert_eq!(self::tail(tail), expected, "{tail:?}");
        }
    }
}
