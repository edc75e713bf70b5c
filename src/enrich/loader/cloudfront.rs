//! CloudFront collector access logs (`cloudfront`).
//!
//! One request per line, fields separated by runs of whitespace. Snowplow matches each line
//! against five whole-line regexes, one per layout CloudFront has used; this module does the
//! same with a hand-written field splitter, keeping the regexes' exact acceptance rules:
//!
//! | fields | layout |
//! |---|---|
//! | 12 | `date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query` |
//! | 15 | + `cs(Cookie) x-edge-result-type x-edge-request-id` |
//! | 18 | + `x-host-header cs-protocol cs-bytes` |
//! | 19 | + `time-taken` |
//! | 23 or more | + `x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type`, then anything |
//!
//! The layouts up to 19 fields must end exactly after their last field. The cookie field may be
//! empty (the regex allows `[\S]*` there), which shows up as one field fewer with at least two
//! whitespace characters after the querystring.

use crate::enrich::payload::{CollectorPayload, RequestContext, Source};

use super::querystring::single_encode_pcts;
use super::{Fields, LoaderError, LoaderFailure, has_line_terminator, leading_ip, non_empty};

/// Field positions shared by every layout.
const DATE: usize = 0;
const TIME: usize = 1;
const CLIENT_IP: usize = 4;
const METHOD: usize = 5;
const URI_STEM: usize = 7;
const REFERER: usize = 9;
const USER_AGENT: usize = 10;
const URI_QUERY: usize = 11;
/// `x-forwarded-for` in the 01 Jul 2014 layout (with a cookie field).
const FORWARDED_FOR: usize = 19;

/// Loads one CloudFront log line.
pub(crate) fn load(line: &str) -> Result<Option<CollectorPayload>, LoaderError> {
    if line.starts_with("#Version:") || line.starts_with("#Fields:") {
        return Ok(None);
    }
    let no_match =
        || LoaderError::single(LoaderFailure::error("Line does not match CloudFront header or data row formats"));
    let fields = Fields::split(line).ok_or_else(no_match)?;

    // Snowplow rejects non-GET requests before trying the layouts, on any line of 12+ fields.
    if fields.count() >= 12 && !has_line_terminator(fields.rest_after(URI_QUERY)) {
        let method = fields.get(METHOD);
        if !method.eq_ignore_ascii_case("GET") {
            return Err(LoaderError::single(LoaderFailure::error(format!(
                "Only GET operations supported for CloudFront Collector, not {}",
                method.to_uppercase()
            ))));
        }
    }
    let forwarded_for = match_layout(&fields).ok_or_else(no_match)?;
    build(&fields, forwarded_for).map(Some)
}

/// Which layout the line matches, if any; `Some(x_forwarded_for)` for the 23+ layout.
fn match_layout<'a>(fields: &Fields<'a>) -> Option<Option<&'a str>> {
    let count = fields.count();
    // The cookie field may be empty: a field fewer, and 2+ whitespace characters after the query.
    let empty_cookie = count > URI_QUERY + 1 && fields.gap_after(URI_QUERY) >= 2;
    for layout in [12, 15, 18, 19] {
        let exact = |fields_in_line: usize| count == fields_in_line && fields.ends_at_field(fields_in_line - 1);
        if exact(layout) || (layout > 12 && empty_cookie && exact(layout - 1)) {
            return Some(None);
        }
    }
    // 23+ fields: the rest of the line after field 23 is `.*`, which stops at line terminators.
    let open_ended = |last: usize| count > last && !has_line_terminator(fields.rest_after(last));
    if open_ended(22) {
        return Some(Some(fields.get(FORWARDED_FOR)));
    }
    if empty_cookie && open_ended(21) {
        return Some(Some(fields.get(FORWARDED_FOR - 1)));
    }
    None
}

fn build(fields: &Fields<'_>, forwarded_for: Option<&str>) -> Result<CollectorPayload, LoaderError> {
    let timestamp = super::log_timestamp(fields.get(DATE), fields.get(TIME));
    let query = single_encode_pcts(fields.get(URI_QUERY));
    let querystring = super::parse_querystring(non_empty(&query), "UTF-8");
    let api = super::parse_api(fields.get(URI_STEM));
    let (timestamp, querystring, api) = match (timestamp, querystring, api) {
        (Ok(timestamp), Ok(querystring), Ok(api)) => (timestamp, querystring, api),
        (timestamp, querystring, api) => {
            let failures = [timestamp.err(), querystring.err(), api.err()].into_iter().flatten().collect();
            return Err(LoaderError::from_failures(failures).expect("at least one failure"));
        }
    };
    let client_ip = fields.get(CLIENT_IP);
    let ip = forwarded_for.and_then(leading_ip).unwrap_or(client_ip);
    let useragent = single_encode_pcts(fields.get(USER_AGENT));
    let referer = single_encode_pcts(fields.get(REFERER));
    let referer = non_empty(&referer).map(|referer| referer.strip_suffix('%').unwrap_or(referer).to_owned());
    Ok(CollectorPayload {
        api,
        querystring,
        content_type: None,
        body: None,
        source: Source { name: "cloudfront".into(), encoding: "UTF-8".into(), hostname: None },
        context: RequestContext {
            timestamp: Some(timestamp),
            ip_address: non_empty(ip).map(str::to_owned),
            useragent: non_empty(&useragent).map(str::to_owned),
            referer_uri: referer,
            headers: Vec::new(),
            user_id: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA_12: &str = "2012-05-24  00:06:42  LHR5  3402  216.160.83.56  GET d3gs014xn8p70.cloudfront.net  /ice.png  200 \
         http://www.psychicbazaar.com/oracles/ Mozilla/5.0%20(iPhone)  e=pv&page=Tarot%2520cards&refr=http%253A%252F%252Fx.com%252F";

    fn line_with(extra: &[&str]) -> String {
        let mut line = DATA_12.to_owned();
        for field in extra {
            line.push('\t');
            line.push_str(field);
        }
        line
    }

    fn error(line: &str) -> String {
        load(line).unwrap_err().to_string()
    }

    const NO_MATCH: &str = "Line does not match CloudFront header or data row formats";

    #[test]
    fn header_lines_are_dropped() {
        assert_eq!(load("#Version: 1.0"), Ok(None));
        assert_eq!(load("#Fields: date time"), Ok(None));
    }

    #[test]
    fn loads_the_original_layout_with_double_encoding_undone() {
        let payload = load(DATA_12).unwrap().unwrap();
        assert_eq!(payload.api.version, "tp1");
        assert_eq!(payload.context.ip_address.as_deref(), Some("216.160.83.56"));
        assert_eq!(payload.context.useragent.as_deref(), Some("Mozilla/5.0%20(iPhone)"));
        assert_eq!(payload.context.referer_uri.as_deref(), Some("http://www.psychicbazaar.com/oracles/"));
        let values: Vec<_> = payload.querystring.iter().map(|p| p.value.clone().unwrap()).collect();
        assert_eq!(values, ["pv", "Tarot cards", "http://x.com/"]);
        assert_eq!(payload.source.name, "cloudfront");
    }

    #[test]
    fn accepted_field_counts() {
        let filler = ["-", "Hit", "id==", "host", "http", "123", "0.001", "-", "TLSv1", "AES", "Hit", "HTTP/1.1", "x"];
        for count in 12..=25 {
            let line = line_with(&filler[..count - 12]);
            let accepted = matches!(count, 12 | 15 | 18 | 19) || count >= 23;
            assert_eq!(load(&line).is_ok(), accepted, "{count} fields");
        }
    }

    #[test]
    fn empty_cookie_counts_as_a_field() {
        // 14 fields, but two spaces after the query: the cookie is empty.
        let line = format!("{DATA_12}  Hit id==");
        assert!(load(&line).is_ok());
        let line = format!("{DATA_12} Hit id==");
        assert_eq!(error(&line), NO_MATCH);
    }

    #[test]
    fn trailing_whitespace_only_allowed_in_open_layout() {
        assert_eq!(error(&format!("{DATA_12} ")), NO_MATCH);
        let filler = ["-", "Hit", "id==", "host", "http", "123", "0.001", "-", "TLSv1", "AES", "Hit"];
        assert!(load(&format!("{} ", line_with(&filler))).is_ok());
    }

    #[test]
    fn x_forwarded_for_wins_when_it_is_an_address() {
        let mut filler = vec!["-", "Hit", "id==", "host", "http", "123", "0.001", "67.71.16.237,%20202.134.75.113"];
        filler.extend(["TLSv1", "AES", "Hit"]);
        let payload = load(&line_with(&filler)).unwrap().unwrap();
        assert_eq!(payload.context.ip_address.as_deref(), Some("67.71.16.237"));
        filler[7] = "-";
        let payload = load(&line_with(&filler)).unwrap().unwrap();
        assert_eq!(payload.context.ip_address.as_deref(), Some("216.160.83.56"));
    }

    #[test]
    fn non_get_is_rejected_first() {
        let line = DATA_12.replace(" GET ", " post ");
        assert_eq!(error(&line), "Only GET operations supported for CloudFront Collector, not POST");
        // Even when the layout would not match.
        assert_eq!(error(&format!("{line} x")), "Only GET operations supported for CloudFront Collector, not POST");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for line in [
            "",
            "NOT VALID",
            " leading",
            "2012-05-21  07:14:47  FRA2  3343  83.4.209.35 GET d3t05xllj8hhgj.cloudfront.net",
        ] {
            assert_eq!(error(line), NO_MATCH);
        }
        let invalid = b"2012-05-24 00:06:42 LHR5 3402 1.2.3.4 GET h /i 200 - \xff\xfe e=pv";
        assert!(super::super::load(crate::enrich::payload::InputFormat::Cloudfront, invalid).is_ok());
    }

    #[test]
    fn several_failures_are_all_reported() {
        let line =
            DATA_12.replace("2012-05-24", "2012-xx-24").replace("/ice.png", "/favicon.ico").replace("e=pv", "e=%zz");
        let error = load(&line).unwrap_err();
        let messages: Vec<_> = error.messages().collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("Unexpected exception converting date [2012-xx-24]"));
        assert!(messages[1].starts_with("Exception extracting name-value pairs from querystring [e=%zz"));
        assert!(messages[2].starts_with("Request path /favicon.ico does not match"));
    }

    #[test]
    fn referer_loses_one_trailing_percent() {
        let line = DATA_12.replace("http://www.psychicbazaar.com/oracles/", "http://a.com/%25%");
        let payload = load(&line).unwrap().unwrap();
        assert_eq!(payload.context.referer_uri.as_deref(), Some("http://a.com/%25"));
    }

    #[test]
    fn dash_query_means_no_parameters() {
        let line = DATA_12.replace("e=pv&page=Tarot%2520cards&refr=http%253A%252F%252Fx.com%252F", "-");
        assert!(load(&line).unwrap().unwrap().querystring.is_empty());
    }

    /// Snowplow's layout regexes, rebuilt with Java's `\s`, `\S` and `.`, as an oracle for
    /// the hand-written matcher.
    fn java_layout_regexes() -> Vec<(usize, regex::Regex)> {
        let field = "[^ \t\n\x0B\x0C\r]+";
        let cookie = "[^ \t\n\x0B\x0C\r]*";
        let gap = "[ \t\n\x0B\x0C\r]+";
        let any = "[^\n\r\u{85}\u{2028}\u{2029}]*";
        let fields = |count: usize| -> Vec<String> {
            (0..count)
                .map(|i| match i {
                    12 => cookie.to_owned(),
                    19 => format!("({field})"),
                    _ => field.to_owned(),
                })
                .collect()
        };
        [12, 15, 18, 19, 23]
            .into_iter()
            .map(|count| {
                let body = fields(count).join(gap);
                let tail = if count == 23 { any } else { "" };
                (count, regex::Regex::new(&format!("\\A{body}{tail}\\z")).unwrap())
            })
            .collect()
    }

    #[test]
    fn layout_matching_agrees_with_snowplow_regexes() {
        let regexes = java_layout_regexes();
        let tokens = ["a", "-", "b\u{85}c", "67.1.2.3"];
        let separators = [" ", "\t", "  ", " \t "];
        for count in 10..=26 {
            for (variant, separator) in separators.iter().enumerate() {
                for ending in ["", " ", "\r", " x\u{2028}y"] {
                    let mut line = String::new();
                    for i in 0..count {
                        if i > 0 {
                            line.push_str(if i == 12 { separator } else { [" ", "\t"][i % 2] });
                        }
                        line.push_str(tokens[(i + variant) % tokens.len()]);
                    }
                    line.push_str(ending);
                    let fields = Fields::split(&line).unwrap();
                    let expected = regexes.iter().find_map(|(count, regex)| {
                        regex.captures(&line).map(|c| (*count == 23).then(|| c.get(1).unwrap().as_str()))
                    });
                    assert_eq!(match_layout(&fields), expected, "{line:?}");
                }
            }
        }
    }
}
