//! Loaders: one raw record (a log line or a Thrift record) in, one [`CollectorPayload`] out.
//!
//! Each input format has its own module; [`load`] dispatches on the format. The rules follow
//! Snowplow's Spark Enrich R117 loaders (the batch pipeline snowplowctl replaces), including
//! which lines they accept and the exact text of their error messages, because legacy bad rows
//! carry those texts.
//!
//! * [`cloudfront`]: CloudFront collector access logs.
//! * [`clj_tomcat`]: Clojure collector (Tomcat) access logs.
//! * [`thrift`]: Thrift `CollectorPayload` and legacy `SnowplowRawEvent` records.
//! * [`access_log`]: a website's own CloudFront log, plus its adapter.
//! * [`querystring`]: querystring decoding shared by all of them.

pub mod access_log;
pub mod clj_tomcat;
pub mod cloudfront;
pub mod querystring;
pub mod thrift;

use std::borrow::Cow;
use std::fmt;

use crate::enrich::payload::{Api, CollectorPayload, InputFormat};
use crate::enrich::scan;

/// Loads one record. `Ok(None)` means the record is dropped silently (a CloudFront
/// `#Version:` / `#Fields:` header line); an error means the whole record becomes a bad row.
///
/// Text formats decode the record as UTF-8, replacing invalid sequences, as Hadoop's text input
/// did; the caller strips the line terminator.
pub fn load(format: InputFormat, record: &[u8]) -> Result<Option<CollectorPayload>, LoaderError> {
    match format {
        InputFormat::Thrift => thrift::load(record).map(Some),
        InputFormat::Cloudfront => cloudfront::load(&text(record)),
        InputFormat::CljTomcat => clj_tomcat::load(&text(record)),
        InputFormat::CloudfrontAccessLog => Ok(access_log::load(&text(record))),
    }
}

/// `record` as text, invalid UTF-8 replaced; valid text (nearly every line) is checked with the
/// fast validator and borrowed.
fn text(record: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(record) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(record),
    }
}

/// Why a record could not be loaded: one or more failures (Snowplow reports every failing
/// field of a line, not just the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoaderError {
    failures: Vec<LoaderFailure>,
}

impl LoaderError {
    /// An error with a single failure.
    pub fn single(failure: LoaderFailure) -> LoaderError {
        LoaderError { failures: vec![failure] }
    }

    /// Builds an error from failures; `None` when there are none.
    pub fn from_failures(failures: Vec<LoaderFailure>) -> Option<LoaderError> {
        (!failures.is_empty()).then_some(LoaderError { failures })
    }

    /// Every failure, in the order Snowplow reports them (never empty).
    pub fn failures(&self) -> &[LoaderFailure] {
        &self.failures
    }

    /// The legacy message of each failure: the `errors[].message` texts of a legacy bad row.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.failures.iter().map(|failure| failure.message.as_str())
    }
}

impl fmt::Display for LoaderError {
    /// The legacy messages, joined with `; ` when there are several.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, failure) in self.failures.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&failure.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoaderError {}

/// One reason a record could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoaderFailure {
    /// The text Spark Enrich R117 wrote in its bad row.
    pub message: String,
    /// The same failure as modern enrich words it in a `collector_payload_format_violation`.
    pub detail: FailureDetail,
}

/// The `failure.message` of a modern `collector_payload_format_violation` bad row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureDetail {
    /// `{"error": …}`: a failure not tied to one field.
    Error(String),
    /// `{"payloadField", "value", "expectation"}`: one field of the record is wrong.
    InputData {
        /// The field, e.g. `querystring`, `path`, `dateTime`.
        payload_field: &'static str,
        /// Its value, when it had one.
        value: Option<String>,
        /// What was expected of it.
        expectation: String,
    },
}

impl LoaderFailure {
    /// A failure worded the same way in both eras.
    pub(crate) fn error(message: impl Into<String>) -> LoaderFailure {
        let message = message.into();
        LoaderFailure { detail: FailureDetail::Error(message.clone()), message }
    }

    pub(crate) fn input(
        message: String,
        payload_field: &'static str,
        value: Option<String>,
        expectation: String,
    ) -> LoaderFailure {
        LoaderFailure { message, detail: FailureDetail::InputData { payload_field, value, expectation } }
    }
}

impl fmt::Display for LoaderFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The API a request path names: `(/)vendor/version(/)`, or the legacy `/i`, `/i?…` and
/// `/ice.png…` pixel paths, which mean `com.snowplowanalytics.snowplow/tp1`.
pub fn parse_api(path: &str) -> Result<Api, LoaderFailure> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if let Some((vendor, version)) = trimmed.split_once('/')
        && !vendor.is_empty()
        && !version.is_empty()
        && !version.contains('/')
    {
        return Ok(Api { vendor: vendor.to_owned(), version: version.to_owned() });
    }
    if path.starts_with("/ice.png") || path == "/i" || path.starts_with("/i?") {
        return Ok(Api::tp1());
    }
    Err(LoaderFailure::input(
        format!("Request path {path} does not match (/)vendor/version(/) pattern nor is a legacy /i(ce.png) request"),
        "path",
        Some(path.to_owned()),
        "path does not match (/)vendor/version(/) nor is a legacy /i(ce.png) request".to_owned(),
    ))
}

/// CloudFront and Tomcat logs write `-` (or nothing) for a missing value.
pub(crate) fn non_empty(field: &str) -> Option<&str> {
    match field {
        "" | "-" => None,
        other => Some(other),
    }
}

/// Parses a querystring the loaders way: absent (`None`) means no parameters.
pub(crate) fn parse_querystring(
    query: Option<&str>,
    encoding: &str,
) -> Result<Vec<crate::enrich::payload::NameValue>, LoaderFailure> {
    let Some(query) = query else { return Ok(Vec::new()) };
    querystring::parse(query, encoding).map_err(|error| {
        LoaderFailure::input(error.to_string(), "querystring", Some(error.query.clone()), error.expectation())
    })
}

/// The collector timestamp of a log line: `date` + `T` + `time` + `+00:00` read as Joda-Time's
/// ISO date-time parser reads it, in milliseconds since the epoch.
pub(crate) fn log_timestamp(date: &str, time: &str) -> Result<i64, LoaderFailure> {
    if let Some(ms) = plain_log_timestamp(date, time) {
        return Ok(ms);
    }
    parse_iso_timestamp(&format!("{date}T{time}+00:00")).map_err(|reason| {
        LoaderFailure::input(
            format!("Unexpected exception converting date [{date}] and time [{time}] to timestamp: [{reason}]"),
            "dateTime",
            Some(format!("{date} {time}")),
            format!("could not convert timestamp: {reason}"),
        )
    })
}

/// [`log_timestamp`] for a time written `HH:mm:ss` in range (what collectors write), without
/// the general parser: the date's midnight is parsed once and kept per thread, as a log's
/// lines share their date. `None` sends the line to the general parser.
fn plain_log_timestamp(date: &str, time: &str) -> Option<i64> {
    let &[h1, h2, b':', m1, m2, b':', s1, s2] = time.as_bytes() else { return None };
    let two = |high: u8, low: u8| {
        (high.is_ascii_digit() && low.is_ascii_digit()).then(|| i64::from(high - b'0') * 10 + i64::from(low - b'0'))
    };
    let (hour, minute, second) = (two(h1, h2)?, two(m1, m2)?, two(s1, s2)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let midnight = LOG_DATE.with_borrow_mut(|(cached_date, midnight)| {
        if cached_date != date {
            *midnight = parse_iso_timestamp(&format!("{date}T00:00:00+00:00")).ok();
            cached_date.clear();
            cached_date.push_str(date);
        }
        *midnight
    })?;
    Some(midnight + ((hour * 60 + minute) * 60 + second) * 1000)
}

thread_local! {
    /// The log date [`plain_log_timestamp`] read last, and its midnight (`None`: not a date
    /// the general parser accepts with a time after it).
    static LOG_DATE: std::cell::RefCell<(String, Option<i64>)> = const { std::cell::RefCell::new((String::new(), None)) };
}

/// A subset of Joda's `ISODateTimeFormat.dateTimeParser()`: `[±]y{1,9}[-M{1,2}[-d{1,2}]]` then
/// optionally `T` `H{1,2}[:m{1,2}[:s{1,2}]][.fraction]`, then an optional offset (`Z` or
/// `±HH[[:]mm]`). `Err` carries Joda's exception message.
pub(crate) fn parse_iso_timestamp(text: &str) -> Result<i64, String> {
    let bytes = text.as_bytes();
    let malformed = |pos: usize| Err(joda_format_error(text, pos));

    let negative_year = matches!(bytes.first(), Some(b'-'));
    let sign_len = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let Some((year, next)) = digits(bytes, sign_len, 9) else { return malformed(0) };
    let year = if negative_year { -(year as i64) } else { year as i64 };
    let mut pos = next;
    let mut month = 1;
    let mut day = 1;
    if bytes.get(pos) == Some(&b'-')
        && let Some((value, next)) = digits(bytes, pos + 1, 2)
    {
        month = value;
        pos = next;
        if bytes.get(pos) == Some(&b'-')
            && let Some((value, next)) = digits(bytes, pos + 1, 2)
        {
            day = value;
            pos = next;
        }
    }
    let (mut hour, mut minute, mut second, mut nanos) = (0, 0, 0, 0u32);
    if bytes.get(pos) == Some(&b'T')
        && let Some((value, next)) = digits(bytes, pos + 1, 2)
    {
        hour = value;
        pos = next;
        if bytes.get(pos) == Some(&b':')
            && let Some((value, next)) = digits(bytes, pos + 1, 2)
        {
            minute = value;
            pos = next;
            if bytes.get(pos) == Some(&b':')
                && let Some((value, next)) = digits(bytes, pos + 1, 2)
            {
                second = value;
                pos = next;
            }
        }
        if matches!(bytes.get(pos), Some(b'.' | b','))
            && let Some((_, next)) = digits(bytes, pos + 1, 9)
        {
            let fraction = &text[pos + 1..next];
            nanos = format!("{fraction:0<9}").parse().unwrap_or(0);
            pos = next;
        }
    }
    let mut offset_minutes = 0i64;
    match bytes.get(pos) {
        Some(b'Z') => pos += 1,
        Some(&sign @ (b'+' | b'-')) => {
            if let Some((hours, next)) = digits(bytes, pos + 1, 2)
                && next == pos + 3
            {
                let mut minutes = 0;
                pos = next;
                let colon = usize::from(bytes.get(pos) == Some(&b':'));
                if let Some((value, next)) = digits(bytes, pos + colon, 2)
                    && next == pos + colon + 2
                {
                    minutes = value;
                    pos = next;
                }
                offset_minutes = i64::from(hours * 60 + minutes) * if sign == b'-' { -1 } else { 1 };
            }
        }
        _ => {}
    }
    if pos < bytes.len() {
        return malformed(pos);
    }

    let cannot_parse = |what: String| Err(format!("Cannot parse \"{text}\": {what}"));
    if !(1..=12).contains(&month) {
        return cannot_parse(format!("Value {month} for monthOfYear must be in the range [1,12]"));
    }
    let days_in_month = chrono::NaiveDate::from_ymd_opt(year as i32, month, 1)
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
        .map(|last| chrono::Datelike::day(&last));
    let Some(days_in_month) = days_in_month else {
        return cannot_parse(format!("Value {year} for year is not supported"));
    };
    if !(1..=days_in_month).contains(&day) {
        return cannot_parse(format!("Value {day} for dayOfMonth must be in the range [1,{days_in_month}]"));
    }
    if hour > 23 {
        return cannot_parse(format!("Value {hour} for hourOfDay must be in the range [0,23]"));
    }
    if minute > 59 {
        return cannot_parse(format!("Value {minute} for minuteOfHour must be in the range [0,59]"));
    }
    if second > 59 {
        return cannot_parse(format!("Value {second} for secondOfMinute must be in the range [0,59]"));
    }
    let millis = chrono::NaiveDate::from_ymd_opt(year as i32, month, day)
        .and_then(|date| date.and_hms_nano_opt(hour, minute, second, nanos))
        .map(|datetime| datetime.and_utc().timestamp_millis());
    match millis {
        Some(millis) => Ok(millis - offset_minutes * 60_000),
        None => cannot_parse(format!("Value {year} for year is not supported")),
    }
}

/// Reads 1..=`max` ASCII digits at `start`: the value and the position after them.
fn digits(bytes: &[u8], start: usize, max: usize) -> Option<(u32, usize)> {
    let run = bytes.get(start..)?.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
    if run == 0 {
        return None;
    }
    let value = bytes[start..start + run].iter().fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some((value, start + run))
}

/// Joda's `FormatUtils.createErrorMessage`.
fn joda_format_error(text: &str, byte_pos: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let error_pos = text[..byte_pos].chars().count();
    let sample_len = error_pos + 32;
    let sample: String = if chars.len() <= sample_len + 3 {
        text.to_owned()
    } else {
        chars[..sample_len].iter().collect::<String>() + "..."
    };
    if error_pos == 0 {
        format!("Invalid format: \"{sample}\"")
    } else if error_pos >= chars.len() {
        format!("Invalid format: \"{sample}\" is too short")
    } else {
        let rest: String = sample.chars().skip(error_pos).collect();
        format!("Invalid format: \"{sample}\" is malformed at \"{rest}\"")
    }
}

/// Java's `\s`: the whitespace that separates log fields.
pub(crate) use crate::enrich::scan::is_java_whitespace;

/// Whether `text` holds a character Java's `.` does not match (a line terminator).
pub(crate) fn has_line_terminator(text: &str) -> bool {
    text.bytes().any(|b| b == b'\n' || b == b'\r') || text.contains(['\u{85}', '\u{2028}', '\u{2029}'])
}

/// The whitespace-separated fields of a log line, as the loaders' regexes see them.
pub(crate) struct Fields<'a> {
    line: &'a str,
    /// Byte ranges of the first [`Fields::MAX`] fields.
    spans: [(usize, usize); Fields::MAX],
    /// How many fields the line has in all.
    count: usize,
}

impl<'a> Fields<'a> {
    /// Fields beyond this many are counted but not located.
    pub(crate) const MAX: usize = 24;

    /// Splits `line`. `None` when it starts with whitespace: every loader regex starts with a
    /// field.
    pub(crate) fn split(line: &'a str) -> Option<Fields<'a>> {
        let bytes = line.as_bytes();
        if bytes.first().is_some_and(|&b| is_java_whitespace(b)) {
            return None;
        }
        let mut fields = Fields { line, spans: [(0, 0); Fields::MAX], count: 0 };
        let mut pos = 0;
        while pos < bytes.len() {
            // Fields run to kilobytes (querystring, body); the gaps between them are short.
            let end = pos + scan::non_whitespace_len(&bytes[pos..]);
            if fields.count < Fields::MAX {
                fields.spans[fields.count] = (pos, end);
            }
            fields.count += 1;
            pos = end + bytes[end..].iter().take_while(|&&b| is_java_whitespace(b)).count();
        }
        Some(fields)
    }

    /// How many fields the line has.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// Field `index` (below [`Fields::MAX`] and [`Fields::count`]).
    pub(crate) fn get(&self, index: usize) -> &'a str {
        let (start, end) = self.spans[index];
        &self.line[start..end]
    }

    /// Length of the whitespace run after field `index` (which must not be the last).
    pub(crate) fn gap_after(&self, index: usize) -> usize {
        self.spans[index + 1].0 - self.spans[index].1
    }

    /// Whether the line ends right after its last field (no trailing whitespace).
    pub(crate) fn ends_at_field(&self, last: usize) -> bool {
        self.spans[last].1 == self.line.len()
    }

    /// The text after field `index`.
    pub(crate) fn rest_after(&self, index: usize) -> &'a str {
        &self.line[self.spans[index].1..]
    }

    /// Length of the whitespace after the last field (which must be below [`Fields::MAX`]).
    pub(crate) fn trailing_whitespace(&self) -> usize {
        self.count.checked_sub(1).map_or(self.line.len(), |last| self.line.len() - self.spans[last].1)
    }
}

/// The client IP a forwarding header value starts with, as Snowplow's `IpAddressExtractor`
/// regex finds it: optional `"` and `[`, then a dotted IPv4 address (its first four 1-3 digit
/// groups) or else a run of IPv6 characters (`0-9a-f.:`).
pub(crate) fn leading_ip(text: &str) -> Option<&str> {
    if has_line_terminator(text) {
        return None;
    }
    let mut rest = text.strip_prefix('"').unwrap_or(text);
    rest = rest.strip_prefix('[').unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut pos = 0;
    let mut ipv4 = true;
    for group in 0..4 {
        let run = bytes[pos..].iter().take(3).take_while(|b| b.is_ascii_digit()).count();
        if run == 0 || (group < 3 && bytes.get(pos + run) != Some(&b'.')) {
            ipv4 = false;
            break;
        }
        pos += run + usize::from(group < 3);
    }
    if ipv4 {
        return Some(&rest[..pos]);
    }
    let run = bytes.iter().take_while(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'.' | b':')).count();
    (run > 0).then(|| &rest[..run])
}

/// The client IP of a request forwarded through proxies: the first `X-Forwarded-For` header
/// wins; else the last `Forwarded: for=` header; else `remote_ip`. Header names match
/// case-insensitively.
pub(crate) fn ip_from_headers<'h>(headers: &'h [String], remote_ip: &'h str) -> Cow<'h, str> {
    const XFF: &str = "x-forwarded-for: ";
    const FORWARDED: &str = "forwarded: for=";
    let mut forwarded = None;
    for header in headers {
        for (prefix, is_xff) in [(XFF, true), (FORWARDED, false)] {
            let Some(head) = header.get(..prefix.len()) else { continue };
            if !head.eq_ignore_ascii_case(prefix) {
                continue;
            }
            let value = header[prefix.len()..].to_lowercase();
            if let Some(ip) = leading_ip(&value) {
                if is_xff {
                    return Cow::Owned(ip.to_owned());
                }
                forwarded = Some(ip.to_owned());
            }
        }
    }
    forwarded.map_or(Cow::Borrowed(remote_ip), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_from_path() {
        let api = |path: &str| parse_api(path).map(|api| format!("{}/{}", api.vendor, api.version));
        assert_eq!(api("/com.snowplowanalytics.snowplow/tp2").unwrap(), "com.snowplowanalytics.snowplow/tp2");
        assert_eq!(api("com.acme/v1/").unwrap(), "com.acme/v1");
        assert_eq!(api("/i").unwrap(), "com.snowplowanalytics.snowplow/tp1");
        assert_eq!(api("/i?e=pv").unwrap(), "com.snowplowanalytics.snowplow/tp1");
        assert_eq!(api("/ice.png").unwrap(), "com.snowplowanalytics.snowplow/tp1");
        assert_eq!(api("/ice.png/x").unwrap(), "ice.png/x");
        for bad in ["/not-ice.png", "/", "", "//a/b", "/a/b/c", "/a//", "/icon"] {
            let failure = api(bad).unwrap_err();
            assert_eq!(
                failure.message,
                format!(
                    "Request path {bad} does not match (/)vendor/version(/) pattern nor is a legacy /i(ce.png) request"
                )
            );
        }
    }

    #[test]
    fn timestamps_like_joda() {
        assert_eq!(parse_iso_timestamp("2013-08-29T00:18:48+00:00"), Ok(1_377_735_528_000));
        assert_eq!(parse_iso_timestamp("2013-08-29T00:18:48.123+00:00"), Ok(1_377_735_528_123));
        assert_eq!(parse_iso_timestamp("2013-8-29T0:18+00:00"), Ok(1_377_735_480_000));
        assert_eq!(
            parse_iso_timestamp("20yy-05-24T00:08:40+00:00").unwrap_err(),
            "Invalid format: \"20yy-05-24T00:08:40+00:00\" is malformed at \"yy-05-24T00:08:40+00:00\""
        );
        assert_eq!(parse_iso_timestamp("T00:08:40+00:00").unwrap_err(), "Invalid format: \"T00:08:40+00:00\"");
        assert_eq!(
            parse_iso_timestamp("2012-02-30T00:00:00+00:00").unwrap_err(),
            "Cannot parse \"2012-02-30T00:00:00+00:00\": Value 30 for dayOfMonth must be in the range [1,29]"
        );
        assert_eq!(
            parse_iso_timestamp("2012-13-01T00:00:00+00:00").unwrap_err(),
            "Cannot parse \"2012-13-01T00:00:00+00:00\": Value 13 for monthOfYear must be in the range [1,12]"
        );
        let long = format!("2012-05-24T00:08:40{}+00:00", "x".repeat(50));
        assert!(
            parse_iso_timestamp(&long)
                .unwrap_err()
                .ends_with(&format!("...\" is malformed at \"{}...\"", "x".repeat(32)))
        );
    }

    #[test]
    fn plain_log_timestamps_agree_with_the_general_parser() {
        let dates = [
            "2024-02-01",
            "2024-02-29",
            "2023-02-29",
            "2024-2-1",
            "2024-02",
            "+2024-02-01",
            "20yy-05-24",
            "",
            "1969-12-31",
        ];
        let times = [
            "00:00:00",
            "11:40:01",
            "23:59:59",
            "24:00:00",
            "12:60:00",
            "12:00:60",
            "1:02:03",
            "12:00:00.5",
            "12:00",
            "ab:cd:ef",
        ];
        // Twice, so that cached dates are checked as well as fresh ones.
        for _ in 0..2 {
            for date in dates {
                for time in times {
                    let general = parse_iso_timestamp(&format!("{date}T{time}+00:00")).ok();
                    let fast = plain_log_timestamp(date, time);
                    assert!(fast.is_none() || fast == general, "{date} {time}: {fast:?} vs {general:?}");
                    assert_eq!(log_timestamp(date, time).ok(), general, "{date} {time}");
                }
            }
        }
        assert_eq!(plain_log_timestamp("2024-02-01", "11:40:01"), Some(1_706_787_601_000));
    }

    #[test]
    fn log_timestamp_failure_texts() {
        let failure = log_timestamp("20yy-05-24", "00:08:40").unwrap_err();
        assert_eq!(
            failure.message,
            "Unexpected exception converting date [20yy-05-24] and time [00:08:40] to timestamp: \
             [Invalid format: \"20yy-05-24T00:08:40+00:00\" is malformed at \"yy-05-24T00:08:40+00:00\"]"
        );
        assert!(matches!(failure.detail, FailureDetail::InputData { payload_field: "dateTime", .. }));
    }

    #[test]
    fn leading_ip_forms() {
        assert_eq!(leading_ip("67.71.16.237,%20202.134.75.113"), Some("67.71.16.237"));
        assert_eq!(leading_ip("\"[2001:db8::1]:4711\""), Some("2001:db8::1"));
        assert_eq!(leading_ip("1.2.3.4567"), Some("1.2.3.456"));
        assert_eq!(leading_ip("1.2.3"), Some("1.2.3"));
        assert_eq!(leading_ip("-"), None);
        assert_eq!(leading_ip("unknown"), None);
        assert_eq!(leading_ip(""), None);
    }

    #[test]
    fn ip_from_forwarding_headers() {
        let headers = |list: &[&str]| list.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>();
        let h = headers(&["Host: x", "X-Forwarded-For: 1.2.3.4, 5.6.7.8", "x-forwarded-for: 9.9.9.9"]);
        assert_eq!(ip_from_headers(&h, "10.0.0.1"), "1.2.3.4");
        let h = headers(&["FORWARDED: for=2001:DB8::1", "Host: x"]);
        assert_eq!(ip_from_headers(&h, "10.0.0.1"), "2001:db8::1");
        let h = headers(&["Forwarded: for=9.9.9.9", "X-FORWARDED-FOR: 1.2.3.4"]);
        assert_eq!(ip_from_headers(&h, "10.0.0.1"), "1.2.3.4");
        let h = headers(&["X-Forwarded-For: unknown", "Host: x"]);
        assert_eq!(ip_from_headers(&h, "10.0.0.1"), "10.0.0.1");
        assert_eq!(ip_from_headers(&[], "10.0.0.1"), "10.0.0.1");
    }

    #[test]
    fn field_splitting() {
        let fields = Fields::split("a  b\tc").unwrap();
        assert_eq!(fields.count(), 3);
        assert_eq!((fields.get(0), fields.get(1), fields.get(2)), ("a", "b", "c"));
        assert_eq!(fields.gap_after(0), 2);
        assert!(fields.ends_at_field(2));
        assert!(!Fields::split("a b ").unwrap().ends_at_field(1));
        assert!(Fields::split(" a").is_none());
        assert_eq!(Fields::split("").unwrap().count(), 0);
    }

    #[test]
    fn hostile_records_are_errors_not_panics() {
        let inputs: [&[u8]; 7] = [
            b"",
            b"\xff\xfe\xfd",
            b"#Version",
            b"\t\t\t",
            b"2012-05-24 00:06:42 - 1 1.2.3.4 GET h /i 200 - \xc3\x28 e=%\xe2\x82",
            &[0x0b, 0x7a, 0x69, 0xff, 0xff, 0xff, 0xff],
            &[0x0f, 0x01, 0x5e, 0x0b, 0x7f, 0xff, 0xff, 0xff],
        ];
        for format in InputFormat::ALL {
            for input in inputs {
                // Whatever the outcome, it must not panic; text records always decode.
                let _ = load(format, input);
            }
        }
        assert!(load(InputFormat::Cloudfront, b"\xff\xfe").is_err());
        assert!(load(InputFormat::CljTomcat, b"\xff\xfe").is_err());
        assert!(load(InputFormat::Thrift, &[0x0b, 0x7a, 0x69, 0xff, 0xff, 0xff, 0xff]).is_err());
    }
}
