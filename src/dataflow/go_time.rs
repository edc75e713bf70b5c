//! Go's reference-time layouts (`2006-01-02 15:04:05.000 MST`) on top of chrono.
//!
//! Dataflow Runner formats times with Go's `time.Format`, whose layouts spell out the
//! reference time `Mon Jan 2 15:04:05 MST 2006` instead of using `%` directives. A layout is
//! split into chunks exactly as Go's `nextStdChunk` does (so `Mon` inside a word is still a
//! weekday, `_2006` is `_` then the year, and a run of `0`s or `9`s after `.` or `,` is a
//! fraction of a second), and each chunk is formatted from a chrono date-time.

use chrono::{DateTime, Datelike, Offset, TimeZone, Timelike};

/// One piece of a parsed layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutChunk {
    /// Text copied as is.
    Literal(String),
    /// `2006`: four-digit year.
    LongYear,
    /// `06`: two-digit year.
    Year,
    /// `January`.
    LongMonth,
    /// `Jan`.
    Month,
    /// `1`: month number.
    NumMonth,
    /// `01`: zero-padded month number.
    ZeroMonth,
    /// `Monday`.
    LongWeekDay,
    /// `Mon`.
    WeekDay,
    /// `2`: day of the month.
    Day,
    /// `_2`: space-padded day of the month.
    UnderDay,
    /// `02`: zero-padded day of the month.
    ZeroDay,
    /// `__2`: space-padded day of the year.
    UnderYearDay,
    /// `002`: zero-padded day of the year.
    ZeroYearDay,
    /// `15`: hour, 00–23.
    Hour,
    /// `3`: hour, 1–12.
    Hour12,
    /// `03`: zero-padded hour, 01–12.
    ZeroHour12,
    /// `4`: minute.
    Minute,
    /// `04`: zero-padded minute.
    ZeroMinute,
    /// `5`: second.
    Second,
    /// `05`: zero-padded second.
    ZeroSecond,
    /// `PM`.
    UpperAmPm,
    /// `pm`.
    LowerAmPm,
    /// `MST`: zone abbreviation (`UTC`), or `+hhmm` when the zone has no known name.
    ZoneName,
    /// A numeric UTC offset such as `-0700`, `-07:00`, `Z07:00` or `-07`.
    Offset(OffsetStyle),
    /// `.000` / `,000`: exactly `digits` fractional digits after `separator`.
    FixedFraction {
        /// `.` or `,`.
        separator: char,
        /// How many digits (at most 9 are meaningful).
        digits: usize,
    },
    /// `.999` / `,999`: up to `digits` fractional digits, trailing zeros (and an empty
    /// fraction with its separator) dropped.
    TrimmedFraction {
        /// `.` or `,`.
        separator: char,
        /// The most digits printed.
        digits: usize,
    },
}

/// How a numeric UTC offset is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetStyle {
    /// `Z…` layouts print `Z` for UTC instead of `+00…`.
    pub z_for_utc: bool,
    /// Separate hours, minutes and seconds with `:`.
    pub colons: bool,
    /// Print minutes (`-07` omits them).
    pub minutes: bool,
    /// Print seconds (`-070000`, `-07:00:00`).
    pub seconds: bool,
}

const OFFSETS: &[(&str, OffsetStyle)] = &[
    ("070000", OffsetStyle { z_for_utc: false, colons: false, minutes: true, seconds: true }),
    ("07:00:00", OffsetStyle { z_for_utc: false, colons: true, minutes: true, seconds: true }),
    ("0700", OffsetStyle { z_for_utc: false, colons: false, minutes: true, seconds: false }),
    ("07:00", OffsetStyle { z_for_utc: false, colons: true, minutes: true, seconds: false }),
    ("07", OffsetStyle { z_for_utc: false, colons: false, minutes: false, seconds: false }),
];

/// Splits a Go layout into chunks, the way Go's `time` package does.
pub fn parse_layout(layout: &str) -> Vec<LayoutChunk> {
    let mut chunks = Vec::new();
    let mut literal = String::new();
    let mut rest = layout;
    while !rest.is_empty() {
        match next_chunk(rest) {
            Some((chunk, len)) => {
                if !literal.is_empty() {
                    chunks.push(LayoutChunk::Literal(std::mem::take(&mut literal)));
                }
                chunks.push(chunk);
                rest = &rest[len..];
            }
            None => {
                let c = rest.chars().next().expect("rest is not empty");
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !literal.is_empty() {
        chunks.push(LayoutChunk::Literal(literal));
    }
    chunks
}

/// The chunk at the start of `s` and its length in bytes, or `None` for a literal character.
fn next_chunk(s: &str) -> Option<(LayoutChunk, usize)> {
    use LayoutChunk as C;
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let chunk = match b[0] {
        b'J' if s.starts_with("January") => (C::LongMonth, 7),
        b'J' if s.starts_with("Jan") => (C::Month, 3),
        b'M' if s.starts_with("Monday") => (C::LongWeekDay, 6),
        b'M' if s.starts_with("Mon") => (C::WeekDay, 3),
        b'M' if s.starts_with("MST") => (C::ZoneName, 3),
        b'0' => match at(1) {
            Some(b'1') => (C::ZeroMonth, 2),
            Some(b'2') => (C::ZeroDay, 2),
            Some(b'3') => (C::ZeroHour12, 2),
            Some(b'4') => (C::ZeroMinute, 2),
            Some(b'5') => (C::ZeroSecond, 2),
            Some(b'6') => (C::Year, 2),
            Some(b'0') if at(2) == Some(b'2') => (C::ZeroYearDay, 3),
            _ => return None,
        },
        b'1' if at(1) == Some(b'5') => (C::Hour, 2),
        b'1' => (C::NumMonth, 1),
        b'2' if s.starts_with("2006") => (C::LongYear, 4),
        b'2' => (C::Day, 1),
        // `_2006` is a literal `_` followed by the year.
        b'_' if s[1..].starts_with("2006") => return None,
        b'_' if at(1) == Some(b'2') => (C::UnderDay, 2),
        b'_' if s.starts_with("__2") => (C::UnderYearDay, 3),
        b'3' => (C::Hour12, 1),
        b'4' => (C::Minute, 1),
        b'5' => (C::Second, 1),
        b'P' if at(1) == Some(b'M') => (C::UpperAmPm, 2),
        b'p' if at(1) == Some(b'm') => (C::LowerAmPm, 2),
        b'-' | b'Z' => {
            let (text, style) = OFFSETS.iter().find(|(text, _)| s[1..].starts_with(text))?;
            (C::Offset(OffsetStyle { z_for_utc: b[0] == b'Z', ..*style }), 1 + text.len())
        }
        separator @ (b'.' | b',') => {
            let digit = at(1).filter(|d| *d == b'0' || *d == b'9')?;
            let digits = b[1..].iter().take_while(|d| **d == digit).count();
            // Only a run that is not followed by another digit is a fraction.
            if at(1 + digits).is_some_and(|d| d.is_ascii_digit()) {
                return None;
            }
            let separator = char::from(separator);
            let chunk = if digit == b'0' {
                C::FixedFraction { separator, digits }
            } else {
                C::TrimmedFraction { separator, digits }
            };
            (chunk, 1 + digits)
        }
        _ => return None,
    };
    Some(chunk)
}

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Formats `time` with a Go layout, as Go's `time.Time.Format` does.
pub fn format<Tz: TimeZone>(time: &DateTime<Tz>, layout: &str) -> String {
    let mut out = String::new();
    for chunk in parse_layout(layout) {
        format_chunk(&mut out, time, &chunk);
    }
    out
}

fn format_chunk<Tz: TimeZone>(out: &mut String, time: &DateTime<Tz>, chunk: &LayoutChunk) {
    use LayoutChunk as C;
    use std::fmt::Write;
    let offset_seconds = time.offset().fix().local_minus_utc();
    let hour12 = match time.hour() % 12 {
        0 => 12,
        h => h,
    };
    let month = time.month0() as usize;
    let weekday = time.weekday().num_days_from_monday() as usize;
    // Writing to a String cannot fail.
    let _ = match chunk {
        C::Literal(text) => write!(out, "{text}"),
        C::LongYear => write!(out, "{:04}", time.year()),
        C::Year => write!(out, "{:02}", time.year().rem_euclid(100)),
        C::LongMonth => write!(out, "{}", LONG_MONTHS[month]),
        C::Month => write!(out, "{}", &LONG_MONTHS[month][..3]),
        C::NumMonth => write!(out, "{}", time.month()),
        C::ZeroMonth => write!(out, "{:02}", time.month()),
        C::LongWeekDay => write!(out, "{}", LONG_DAYS[weekday]),
        C::WeekDay => write!(out, "{}", &LONG_DAYS[weekday][..3]),
        C::Day => write!(out, "{}", time.day()),
        C::UnderDay => write!(out, "{:>2}", time.day()),
        C::ZeroDay => write!(out, "{:02}", time.day()),
        C::UnderYearDay => write!(out, "{:>3}", time.ordinal()),
        C::ZeroYearDay => write!(out, "{:03}", time.ordinal()),
        C::Hour => write!(out, "{:02}", time.hour()),
        C::Hour12 => write!(out, "{hour12}"),
        C::ZeroHour12 => write!(out, "{hour12:02}"),
        C::Minute => write!(out, "{}", time.minute()),
        C::ZeroMinute => write!(out, "{:02}", time.minute()),
        C::Second => write!(out, "{}", time.second()),
        C::ZeroSecond => write!(out, "{:02}", time.second()),
        C::UpperAmPm => write!(out, "{}", if time.hour() >= 12 { "PM" } else { "AM" }),
        C::LowerAmPm => write!(out, "{}", if time.hour() >= 12 { "pm" } else { "am" }),
        // chrono's offsets carry no abbreviation; Go falls back to `+hhmm` for unnamed zones.
        C::ZoneName if offset_seconds == 0 => write!(out, "UTC"),
        C::ZoneName => {
            let style = OffsetStyle { z_for_utc: false, colons: false, minutes: true, seconds: false };
            write!(out, "{}", format_offset(offset_seconds, style))
        }
        C::Offset(style) => write!(out, "{}", format_offset(offset_seconds, *style)),
        C::FixedFraction { separator, digits } => {
            let nanos = format!("{:09}", time.nanosecond() % 1_000_000_000);
            write!(out, "{separator}{}", &nanos[..(*digits).min(9)])
        }
        C::TrimmedFraction { separator, digits } => {
            let nanos = format!("{:09}", time.nanosecond() % 1_000_000_000);
            let kept = nanos[..(*digits).min(9)].trim_end_matches('0');
            if kept.is_empty() { Ok(()) } else { write!(out, "{separator}{kept}") }
        }
    };
}

fn format_offset(offset_seconds: i32, style: OffsetStyle) -> String {
    if offset_seconds == 0 && style.z_for_utc {
        return "Z".to_owned();
    }
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let total = offset_seconds.unsigned_abs();
    let separator = if style.colons { ":" } else { "" };
    let mut text = format!("{sign}{:02}", total / 3600);
    if style.minutes {
        text.push_str(&format!("{separator}{:02}", total / 60 % 60));
    }
    if style.seconds {
        text.push_str(&format!("{separator}{:02}", total % 60));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, Utc};

    fn reference(offset_seconds: i32) -> DateTime<FixedOffset> {
        let naive = NaiveDate::from_ymd_opt(2006, 1, 2).unwrap().and_hms_nano_opt(15, 4, 5, 123_400_000).unwrap();
        FixedOffset::east_opt(offset_seconds).unwrap().from_local_datetime(&naive).unwrap()
    }

    #[test]
    fn the_reference_time_formats_as_itself() {
        let t = reference(-7 * 3600);
        assert_eq!(format(&t, "2006-01-02 15:04:05"), "2006-01-02 15:04:05");
        assert_eq!(format(&t, "Mon Jan _2 3:4:5 PM -0700 2006"), "Mon Jan  2 3:4:5 PM -0700 2006");
        assert_eq!(format(&t, "Monday, January 2 06 pm"), "Monday, January 2 06 pm");
        assert_eq!(format(&t, "2006-01-02T15:04:05Z07:00"), "2006-01-02T15:04:05-07:00");
        assert_eq!(format(&t, "-07 -07:00:00 -070000 MST"), "-07 -07:00:00 -070000 -0700");
        assert_eq!(format(&t, "002 __2"), "002   2");
    }

    #[test]
    fn dataflow_runner_run_ids() {
        let t = Utc.with_ymd_and_hms(2021, 11, 30, 9, 8, 7).unwrap();
        assert_eq!(format(&t, "2006-01-02-15-04-05"), "2021-11-30-09-08-07");
        assert_eq!(format(&t, "run=2006-01-02-15-04-05/"), "run=2021-11-30-09-08-07/");
        assert_eq!(format(&t, "2006-01-02T15:04:05Z07:00 MST"), "2021-11-30T09:08:07Z UTC");
    }

    #[test]
    fn fractions_of_a_second() {
        let t = reference(0);
        assert_eq!(format(&t, "05.000"), "05.123");
        assert_eq!(format(&t, "05,000000"), "05,123400");
        assert_eq!(format(&t, "05.999999"), "05.1234");
        assert_eq!(format(&t.with_nanosecond(0).unwrap(), "05.999"), "05");
        // A run followed by another digit is not a fraction.
        assert_eq!(format(&t, ".0001"), ".0001");
        assert_eq!(format(&t, "x.00y"), "x.12y");
    }

    #[test]
    fn go_chunking_quirks() {
        let t = reference(3600);
        // `_2006` is `_` then the year; `Mon` inside a word is still a weekday.
        assert_eq!(format(&t, "_2006"), "_2006");
        assert_eq!(format(&t, "Monkey"), "Monkey");
        assert_eq!(format(&t, "Z07"), "+01");
        assert_eq!(format(&t, "10"), "10");
        assert_eq!(format(&t, "h%Y"), "h%Y");
        assert_eq!(format(&t, "é1"), "é1");
        assert_eq!(format(&t.with_hour(0).unwrap(), "3 03 PM"), "12 12 AM");
    }
}
