//! A borrowed view of one enriched TSV line: 131 `&str` columns cut out of the line without
//! copying, with the field widths the Analytics SDKs and the shredders accept.

use crate::enrich::event::{FIELD_COUNT, FIELD_NAMES};

/// Fewer columns than this is not an enriched event, even for the legacy shredders.
pub const LEGACY_MIN_FIELDS: usize = 108;

const TABS: u64 = 0x0909_0909_0909_0909;
const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Indices of the columns the transformer and the shredder read by name.
pub mod index {
    /// `etl_tstamp`
    pub const ETL_TSTAMP: usize = 2;
    /// `collector_tstamp`
    pub const COLLECTOR_TSTAMP: usize = 3;
    /// `event_id`
    pub const EVENT_ID: usize = 6;
    /// `geo_latitude`
    pub const GEO_LATITUDE: usize = 22;
    /// `geo_longitude`
    pub const GEO_LONGITUDE: usize = 23;
    /// `contexts`
    pub const CONTEXTS: usize = 52;
    /// `unstruct_event`
    pub const UNSTRUCT_EVENT: usize = 58;
    /// `derived_contexts`
    pub const DERIVED_CONTEXTS: usize = 122;
    /// `event_fingerprint`
    pub const EVENT_FINGERPRINT: usize = 129;
}

/// Which field counts a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Exactly 131 columns, as both Analytics SDKs and RDB Shredder 0.16+ require.
    Exact,
    /// 108 to 131 columns, padded with empty columns to 131, as Hadoop Shred and RDB Shredder
    /// 0.12–0.15 read events written by older enrich versions.
    Padded,
}

/// A line whose field count does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WidthError {
    /// No TAB at all: not a TSV line.
    #[error("not a TSV line: expected {FIELD_COUNT} tab-separated fields, found no tab")]
    NotTsv,
    /// Too few or too many fields.
    #[error("expected {expected} fields, found {found}")]
    FieldCount {
        /// How many fields the line has.
        found: usize,
        /// What was expected, e.g. `131` or `108 to 131`.
        expected: &'static str,
    },
}

impl WidthError {
    /// How many fields the line has.
    pub fn found(&self) -> usize {
        match self {
            WidthError::NotTsv => 1,
            WidthError::FieldCount { found, .. } => *found,
        }
    }
}

/// How many column starts a line keeps: one per column and one past the last.
const STARTS: usize = FIELD_COUNT + 1;

/// One enriched event's columns, borrowed from its line; missing trailing columns of a padded
/// line are empty.
#[derive(Debug, Clone, Copy)]
pub struct EnrichedLine<'a> {
    line: &'a str,
    /// Column `i` is `line[starts[i]..starts[i + 1] - 1]` (the `- 1` drops its tab); past the
    /// last real column every start is `line.len() + 1`, which makes the padding empty.
    starts: [usize; STARTS],
    count: usize,
}

impl<'a> EnrichedLine<'a> {
    /// Cuts a line (without its line terminator) into columns.
    pub fn parse(line: &'a str, width: Width) -> Result<EnrichedLine<'a>, WidthError> {
        // Tabs are a few bytes apart, too close for memchr to pay off: eight bytes at a time,
        // with an exact test (no false positives, unlike the shorter zero-byte trick). Only
        // offsets are recorded; columns are sliced when read.
        let bytes = line.as_bytes();
        let past_end = line.len() + 1;
        let mut starts = [past_end; STARTS];
        starts[0] = 0;
        let mut tabs = 0;
        let mut words = bytes.chunks_exact(8);
        let mut offset = 0;
        for word in words.by_ref() {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ TABS;
            let mut found = !(((word & LOW_BITS) + LOW_BITS) | word | LOW_BITS);
            while found != 0 {
                tabs += 1;
                if let Some(start) = starts.get_mut(tabs) {
                    *start = offset + (found.trailing_zeros() / 8) as usize + 1;
                }
                found &= found.wrapping_sub(1);
            }
            offset += 8;
        }
        for (i, &byte) in words.remainder().iter().enumerate() {
            if byte == b'\t' {
                tabs += 1;
                if let Some(start) = starts.get_mut(tabs) {
                    *start = offset + i + 1;
                }
            }
        }
        let count = tabs + 1;
        if count <= FIELD_COUNT {
            // The last column ends at the end of the line, as if a tab followed it.
            starts[count] = past_end;
        }
        let fits = match width {
            Width::Exact => count == FIELD_COUNT,
            Width::Padded => (LEGACY_MIN_FIELDS..=FIELD_COUNT).contains(&count),
        };
        if fits {
            return Ok(EnrichedLine { line, starts, count });
        }
        if count == 1 {
            return Err(WidthError::NotTsv);
        }
        let expected = match width {
            Width::Exact => "131",
            Width::Padded => "108 to 131",
        };
        Err(WidthError::FieldCount { found: count, expected })
    }

    /// Column `index` (0..131); empty for padding.
    #[inline]
    pub fn get(&self, index: usize) -> &'a str {
        let (start, end) = (self.starts[index], self.starts[index + 1] - 1);
        // Tabs are ASCII, so every cut is a character boundary; padding gives `start > end`.
        self.line.get(start..end).unwrap_or_default()
    }

    /// Where column `index` is in [`line`](Self::line) (empty for padding).
    #[inline]
    pub fn range(&self, index: usize) -> std::ops::Range<usize> {
        let (start, end) = (self.starts[index], self.starts[index + 1] - 1);
        start.min(end)..end
    }

    /// The whole line.
    pub fn line(&self) -> &'a str {
        self.line
    }

    /// Whether column `index` is empty, without slicing it.
    #[inline]
    pub fn is_empty(&self, index: usize) -> bool {
        self.starts[index + 1] <= self.starts[index] + 1
    }

    /// All 131 columns, in order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = &'a str> + '_ {
        (0..FIELD_COUNT).map(|index| self.get(index))
    }

    /// The text from the start of column `first` to the end of column `last`, tabs included
    /// (`first <= last < ` the line's own column count).
    pub fn span(&self, first: usize, last: usize) -> &'a str {
        &self.line[self.starts[first]..self.starts[last + 1] - 1]
    }

    /// How many columns the line really had (before padding).
    pub fn original_count(&self) -> usize {
        self.count
    }
}

/// One column whose value is not what the reader expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Column index (0..131).
    pub index: usize,
    /// The value found.
    pub value: String,
    /// What is wrong, in the words of the tool being reproduced.
    pub message: String,
}

impl FieldError {
    /// The column's name, e.g. `collector_tstamp`.
    pub fn name(&self) -> &'static str {
        FIELD_NAMES[self.index]
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field {} ({}): {}", self.index, self.name(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(count: usize) -> String {
        (0..count).map(|i| i.to_string()).collect::<Vec<_>>().join("\t")
    }

    #[test]
    fn exact_lines_have_131_borrowed_fields() {
        let text = line(131);
        let parsed = EnrichedLine::parse(&text, Width::Exact).unwrap();
        assert_eq!(parsed.get(0), "0");
        assert_eq!(parsed.get(130), "130");
        assert_eq!(parsed.original_count(), 131);
        let empty_last = format!("{}\t", line(130));
        assert_eq!(EnrichedLine::parse(&empty_last, Width::Exact).unwrap().get(130), "");
    }

    #[test]
    fn fields_are_cut_at_every_tab_whatever_its_position() {
        // Neighbours of TAB (0x08, 0x0a) and multi-byte characters must not be taken for tabs.
        let values = ["", "\u{8}", "a\u{a}b", "é😀", "12345678", "", "x", "\u{89}"];
        let fields: Vec<String> = (0..131).map(|i| values[i % values.len()].repeat(i % 3)).collect();
        let text = fields.join("\t");
        let parsed = EnrichedLine::parse(&text, Width::Exact).unwrap();
        assert_eq!(parsed.fields().collect::<Vec<_>>(), fields);
    }

    #[test]
    fn wrong_counts_are_reported_with_what_was_expected() {
        assert_eq!(
            EnrichedLine::parse(&line(132), Width::Exact).unwrap_err().to_string(),
            "expected 131 fields, found 132"
        );
        assert_eq!(EnrichedLine::parse("no tabs", Width::Exact).unwrap_err(), WidthError::NotTsv);
        // Runs of tabs, more than a line may hold, in whole words and in the tail.
        for tabs in [300, 301, 137, 138, 139] {
            let text = "\t".repeat(tabs);
            let found = EnrichedLine::parse(&text, Width::Exact).unwrap_err().found();
            assert_eq!(found, tabs + 1);
        }
        let empty = "\t".repeat(130);
        assert!(EnrichedLine::parse(&empty, Width::Exact).unwrap().fields().all(str::is_empty));
        assert_eq!(
            EnrichedLine::parse(&line(107), Width::Padded).unwrap_err(),
            WidthError::FieldCount { found: 107, expected: "108 to 131" }
        );
    }

    #[test]
    fn padded_lines_get_empty_trailing_columns() {
        let text = line(120);
        let parsed = EnrichedLine::parse(&text, Width::Padded).unwrap();
        assert_eq!(parsed.get(119), "119");
        assert_eq!(parsed.get(120), "");
        assert_eq!(parsed.get(130), "");
        assert_eq!(parsed.original_count(), 120);
        assert!(EnrichedLine::parse(&text, Width::Exact).is_err());
    }

    #[test]
    fn field_errors_name_the_column() {
        let error = FieldError { index: 3, value: String::new(), message: "cannot be empty".into() };
        assert_eq!(error.to_string(), "field 3 (collector_tstamp): cannot be empty");
    }
}
