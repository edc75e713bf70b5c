//! A website's own CloudFront distribution log (`tsv/com.amazon.aws.cloudfront/wd_access_log`)
//! and the adapter that turns one of its lines into an event.
//!
//! The loader keeps the whole TAB-separated line as the payload body, as Snowplow's TSV loader
//! does. [`event_parameters`] then makes it one unstructured event
//! `iglu:com.amazon.aws.cloudfront/wd_access_log/jsonschema/1-0-x`, the version chosen by the
//! number of fields. The loader also fills the request context (collector timestamp, client IP,
//! user agent) from the line, which is where Snowplow's adapter takes them from.

use std::fmt::Write as _;

use crate::enrich::payload::{Api, CollectorPayload, NameValue, RequestContext, Source};

use super::querystring::{single_encode_pcts, url_decode};

/// The API every access-log line is sent to.
pub const VENDOR: &str = "com.amazon.aws.cloudfront";
/// The API version (and the event name).
pub const VERSION: &str = "wd_access_log";

/// JSON names of the fields after the combined `dateTime` (fields 0 and 1 of the line).
const FIELD_NAMES: [&str; 25] = [
    "dateTime",
    "xEdgeLocation",
    "scBytes",
    "cIp",
    "csMethod",
    "csHost",
    "csUriStem",
    "scStatus",
    "csReferer",
    "csUserAgent",
    "csUriQuery",
    "csCookie",
    "xEdgeResultType",
    "xEdgeRequestId",
    "xHostHeader",
    "csProtocol",
    "csBytes",
    "timeTaken",
    "xForwardedFor",
    "sslProtocol",
    "sslCipher",
    "xEdgeResponseResultType",
    "csProtocolVersion",
    "fleStatus",
    "fleEncryptedFields",
];

/// The schema version for each field count CloudFront has used.
fn schema_version(field_count: usize) -> Option<&'static str> {
    Some(match field_count {
        12 => "1-0-0",
        15 => "1-0-1",
        18 => "1-0-2",
        19 => "1-0-3",
        23 => "1-0-4",
        24 => "1-0-5",
        26 => "1-0-6",
        _ => return None,
    })
}

/// Loads one line: `None` for the `#Version:` / `#Fields:` header lines.
pub(crate) fn load(line: &str) -> Option<CollectorPayload> {
    if line.starts_with("#Version:") || line.starts_with("#Fields:") {
        return None;
    }
    let mut context = RequestContext::default();
    let fields: Vec<&str> = line.split('\t').collect();
    if schema_version(fields.len()).is_some() {
        context.timestamp = super::log_timestamp(fields[0], fields[1]).ok();
        context.ip_address = Some(fields[4]).filter(|ip| !ip.is_empty()).map(str::to_owned);
        context.useragent = Some(fields[10]).filter(|ua| !ua.is_empty()).map(|ua| single_encode_pcts(ua).into_owned());
    }
    Some(CollectorPayload {
        api: Api { vendor: VENDOR.to_owned(), version: VERSION.to_owned() },
        querystring: Vec::new(),
        content_type: None,
        body: Some(line.to_owned()),
        source: Source { name: "tsv".into(), encoding: "UTF-8".into(), hostname: None },
        context,
    })
}

/// The tracker-protocol parameters of the one event an access-log payload makes: `tv`, `e=ue`,
/// `p=srv`, `ue_pr` (the line as a `wd_access_log` event) and `url` (the `cs(Referer)` field).
/// `Err` carries the legacy adapter messages, joined with `; `.
pub fn event_parameters(payload: &CollectorPayload) -> Result<Vec<NameValue>, String> {
    let Some(line) = payload.body.as_deref() else {
        return Err("Request body is empty: no CloudFront access log to process".to_owned());
    };
    let fields: Vec<&str> = line.split('\t').collect();
    let Some(version) = schema_version(fields.len()) else {
        return Err(format!(
            "Access log TSV line contained {} fields, expected 12, 15, 18, 19, 23, 24 or 26",
            fields.len()
        ));
    };
    let timestamp = super::log_timestamp(fields[0], fields[1]);

    let mut json = String::with_capacity(line.len() + 512);
    json.push_str(
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":"iglu:"#,
    );
    let _ = write!(json, "{VENDOR}/{VERSION}/jsonschema/{version}\",\"data\":{{");
    let date_time = format!("{}T{}Z", fields[0], fields[1]);
    let values = std::iter::once(date_time.as_str()).chain(fields[2..].iter().copied());
    // Snowplow accumulates field errors by prepending, so they come out last field first.
    let mut field_errors = Vec::new();
    let mut first = true;
    for (name, value) in FIELD_NAMES.iter().zip(values) {
        let rendered = render_field(name, value);
        let Ok(rendered) = rendered else {
            field_errors.extend(rendered.err());
            continue;
        };
        if !first {
            json.push(',');
        }
        first = false;
        json.push('"');
        json.push_str(name);
        json.push_str("\":");
        json.push_str(&rendered);
    }
    json.push_str("}}}");

    let mut errors: Vec<String> = timestamp.err().map(|failure| failure.message).into_iter().collect();
    errors.extend(field_errors.into_iter().rev());
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    let mut parameters = vec![
        parameter("tv", format!("{VENDOR}/{VERSION}")),
        parameter("e", "ue".to_owned()),
        parameter("p", "srv".to_owned()),
        parameter("ue_pr", json),
    ];
    if !fields[9].is_empty() {
        parameters.push(parameter("url", fields[9].to_owned()));
    }
    Ok(parameters)
}

fn parameter(name: &str, value: String) -> NameValue {
    NameValue { name: name.to_owned().into(), value: Some(value) }
}

/// One field as JSON: `null` when empty, numbers for the byte counts and time taken, URL-decoded
/// text for the referer and user agent, single-encoded text for the query.
fn render_field(name: &str, value: &str) -> Result<String, String> {
    if value.is_empty() {
        return Ok("null".to_owned());
    }
    match name {
        "timeTaken" => java_to_double(value)
            .map(java_double_to_string)
            .ok_or_else(|| format!("Field [timeTaken]: cannot convert [{value}] to Double")),
        "scBytes" | "csBytes" => value
            .parse::<i32>()
            .map(|int| int.to_string())
            .map_err(|_| format!("Field [{name}]: cannot convert [{value}] to Int")),
        "csReferer" | "csUserAgent" => {
            let single = single_encode_pcts(value);
            match url_decode(&single) {
                Ok(decoded) => Ok(json_string(&decoded.replace(['\r', '\n'], "").replace('\t', "    "))),
                Err(reason) => {
                    Err(format!("Field [{name}]: Exception URL-decoding [{single}] (encoding [UTF-8]): [{reason}]"))
                }
            }
        }
        "csUriQuery" => Ok(json_string(&single_encode_pcts(value))),
        _ => Ok(json_string(value)),
    }
}

/// `String.toDouble` in Java: surrounding control/space characters trimmed, an optional
/// `f`/`d` suffix; then only finite values are kept (circe cannot hold NaN or infinity).
fn java_to_double(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches(|c: char| c <= ' ');
    let number = trimmed.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(trimmed);
    if number.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') {
        return None;
    }
    number.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// `Double.toString` in Java: plain notation with at least one decimal for magnitudes in
/// [10^-3, 10^7), computerized scientific notation (`1.0E-4`) otherwise.
fn java_double_to_string(value: f64) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: `-1.2345e-4`.
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if (-3..7).contains(&exponent) {
        if exponent < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
            out.push_str(&digits);
        } else {
            let point = exponent as usize + 1;
            let padded = format!("{digits:0<point$}");
            out.push_str(&padded[..point]);
            out.push('.');
            out.push_str(if padded.len() > point { &padded[point..] } else { "0" });
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        let _ = write!(out, "E{exponent}");
    }
    out
}

/// A JSON string literal, escaped as circe prints it.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE_19: &str = "2014-04-29\t09:00:54\tCDG51\t830\t255.255.255.255\tGET\td3v6.cloudfront.net\t/i\t200\t\
         http://a.com/x\tMozilla/5.0%2520(Mac)\te=pp&page=A%2520b\t-\tHit\tid==\td3v6.cloudfront.net\thttp\t1163\t0.001";

    fn parameters(line: &str) -> Result<Vec<(String, String)>, String> {
        let payload = load(line).unwrap();
        event_parameters(&payload)
            .map(|list| list.into_iter().map(|p| (p.name.into_owned(), p.value.unwrap())).collect())
    }

    #[test]
    fn loader_keeps_the_line_and_fills_the_context() {
        assert_eq!(load("#Version: 1.0"), None);
        let payload = load(LINE_19).unwrap();
        assert_eq!(payload.body.as_deref(), Some(LINE_19));
        assert_eq!(payload.source.name, "tsv");
        assert_eq!(payload.api.vendor, VENDOR);
        assert_eq!(payload.context.ip_address.as_deref(), Some("255.255.255.255"));
        assert_eq!(payload.context.useragent.as_deref(), Some("Mozilla/5.0%20(Mac)"));
        assert_eq!(payload.context.timestamp, Some(1_398_762_054_000));
    }

    #[test]
    fn event_for_a_19_field_line() {
        let parameters = parameters(LINE_19).unwrap();
        let names: Vec<_> = parameters.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["tv", "e", "p", "ue_pr", "url"]);
        assert_eq!(parameters[0].1, "com.amazon.aws.cloudfront/wd_access_log");
        assert_eq!(parameters[4].1, "http://a.com/x");
        let event: serde_json::Value = serde_json::from_str(&parameters[3].1).unwrap();
        assert_eq!(event["data"]["schema"], "iglu:com.amazon.aws.cloudfront/wd_access_log/jsonschema/1-0-3");
        let data = &event["data"]["data"];
        assert_eq!(data["dateTime"], "2014-04-29T09:00:54Z");
        assert_eq!(data["scBytes"], 830);
        assert_eq!(data["csUserAgent"], "Mozilla/5.0 (Mac)");
        assert_eq!(data["csUriQuery"], "e=pp&page=A%20b");
        assert_eq!(data["timeTaken"], 0.001);
        assert_eq!(data["csCookie"], "-");
    }

    #[test]
    fn empty_fields_are_null_and_errors_are_collected() {
        let line = LINE_19.replace("\t830\t", "\t\t").replace("\t1163\t", "\tmany\t").replace("\t0.001", "\tslow");
        let error = parameters(&line).unwrap_err();
        assert_eq!(
            error,
            "Field [timeTaken]: cannot convert [slow] to Double; Field [csBytes]: cannot convert [many] to Int"
        );
        let line = LINE_19.replace("\t830\t", "\t\t");
        let event = parameters(&line).unwrap().remove(3).1;
        assert!(event.contains(r#""scBytes":null"#), "{event}");
    }

    #[test]
    fn wrong_field_count_and_bad_date() {
        assert_eq!(
            parameters("a\tb\tc").unwrap_err(),
            "Access log TSV line contained 3 fields, expected 12, 15, 18, 19, 23, 24 or 26"
        );
        let error = parameters(&LINE_19.replace("2014-04-29", "2014-04-xx")).unwrap_err();
        assert!(error.starts_with("Unexpected exception converting date [2014-04-xx]"), "{error}");
        let payload = CollectorPayload { body: None, ..load(LINE_19).unwrap() };
        assert!(event_parameters(&payload).is_err());
    }

    #[test]
    fn doubles_print_like_java() {
        for (value, text) in [
            (0.001, "0.001"),
            (1.0, "1.0"),
            (12.5, "12.5"),
            (0.0001, "1.0E-4"),
            (1e7, "1.0E7"),
            (1234567.0, "1234567.0"),
            (-0.25, "-0.25"),
            (0.0, "0.0"),
        ] {
            assert_eq!(java_double_to_string(value), text);
        }
        assert_eq!(java_to_double(" 2.5d "), Some(2.5));
        assert_eq!(java_to_double("NaN"), None);
        assert_eq!(java_to_double("inf"), None);
    }
}
