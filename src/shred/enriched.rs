//! A borrowed view of one enriched TSV line: 131 `&str` columns cut out of the line without
//! copying, with the field widths the Analytics SDKs and the shredders accept.

use std::num::NonZeroU64;

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

/// How many starts of a run of tabs are written at once (room for them is kept past the end).
const MAX_RUN: usize = 8;

/// Room for the list of non-empty columns: any `u8` indexes it, with no bounds to check.
const NON_EMPTY_SLOTS: usize = 256;

/// One enriched event's columns, borrowed from its line; missing trailing columns of a padded
/// line are empty.
#[derive(Debug, Clone, Copy)]
pub struct EnrichedLine<'a> {
    line: &'a str,
    /// Column `i` is `line[starts[i]..starts[i + 1] - 1]` (the `- 1` drops its tab); past the
    /// last real column every start is `line.len() + 1`, which makes the padding empty.
    starts: [usize; STARTS + MAX_RUN],
    count: usize,
    /// The indices of the non-empty columns, in order, in the first `non_empty_count` places.
    non_empty: [u8; NON_EMPTY_SLOTS],
    non_empty_count: usize,
}

/// Bit `i` set for each tab at `block[i]`.
#[inline(always)]
fn tab_mask(block: &[u8; 64]) -> u64 {
    // Bit `8 * j + i` for byte `j` of word `i`: an 8×8 bit matrix to transpose.
    let mut by_word = 0;
    for (i, word) in block.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ TABS;
        // The high bit of each byte that was a tab, and of no other byte.
        let found = !(((word & LOW_BITS) + LOW_BITS) | word | LOW_BITS);
        by_word |= found >> (7 - i);
    }
    transpose_bits(by_word)
}

/// Transposes the 8×8 bit matrix whose row `r` is byte `r` (bit `8 * r + c` to bit
/// `8 * c + r`), with three rounds of swaps (Hacker's Delight, 7-3): no multiplication, and
/// nothing that the compiler's vectoriser makes slower.
#[inline(always)]
fn transpose_bits(mut x: u64) -> u64 {
    let mut t = (x ^ (x >> 7)) & 0x00aa_00aa_00aa_00aa;
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000_cccc_0000_cccc;
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x0000_0000_f0f0_f0f0;
    x ^ t ^ (t << 28)
}

impl<'a> EnrichedLine<'a> {
    /// Cuts a line (without its line terminator) into columns.
    pub fn parse(line: &'a str, width: Width) -> Result<EnrichedLine<'a>, WidthError> {
        // Tabs are a few bytes apart, too close for memchr to pay off. The tabs of 64 bytes are
        // found as one bit mask, eight bytes at a time with an exact test (no false positives,
        // unlike the shorter zero-byte trick); then the loop over the mask's bits ends once per
        // 64 bytes rather than once per word, which the processor mispredicts far less often.
        // Only offsets are recorded; columns are sliced when read.
        let bytes = line.as_bytes();
        let past_end = line.len() + 1;
        let mut starts = [past_end; STARTS + MAX_RUN];
        starts[0] = 0;
        let mut tabs = 0;
        // Each column's index is written, and kept (by counting it) when it is not empty.
        let mut non_empty = [0; NON_EMPTY_SLOTS];
        let mut non_empty_count = 0;
        let mut column_start = 0;
        let mut note_tabs = |mut mask: u64, offset: usize| {
            while let Some(bits) = NonZeroU64::new(mask) {
                let first = bits.trailing_zeros();
                let tab = offset + first as usize;
                // A run of tabs (empty columns are common, and come in runs) ends one column,
                // which may hold text, and starts empty ones: up to MAX_RUN of them at once.
                let run = (mask >> first).trailing_ones().min(MAX_RUN as u32);
                // Past the last column the line is refused, so later tabs may overwrite it.
                let column = tabs.min(FIELD_COUNT - 1);
                non_empty[usize::from(non_empty_count as u8)] = column as u8;
                non_empty_count += usize::from(tab != column_start);
                // All MAX_RUN starts, at fixed size; those past the run are written again later.
                for (i, start) in starts[column + 1..column + 1 + MAX_RUN].iter_mut().enumerate() {
                    *start = tab + 1 + i;
                }
                tabs += run as usize;
                column_start = tab + run as usize;
                mask &= !(((1 << run) - 1) << first);
            }
        };
        let mut blocks = bytes.chunks_exact(64);
        let mut offset = 0;
        for block in blocks.by_ref() {
            note_tabs(tab_mask(block.try_into().unwrap_or(&[0; 64])), offset);
            offset += 64;
        }
        let mut last = [0; 64];
        last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
        note_tabs(tab_mask(&last), offset);
        let count = tabs + 1;
        if count <= FIELD_COUNT {
            // The last column ends at the end of the line, as if a tab followed it.
            starts[count..].fill(past_end);
            non_empty[non_empty_count] = tabs as u8;
            non_empty_count += usize::from(line.len() != column_start);
        }
        let fits = match width {
            Width::Exact => count == FIELD_COUNT,
            Width::Padded => (LEGACY_MIN_FIELDS..=FIELD_COUNT).contains(&count),
        };
        if fits {
            return Ok(EnrichedLine { line, starts, count, non_empty, non_empty_count });
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

    /// The indices of the non-empty columns, in order.
    pub fn non_empty_columns(&self) -> &[u8] {
        &self.non_empty[..self.non_empty_count]
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
    fn runs_of_empty_columns_of_any_length_and_place_are_cut_as_split_cuts_them() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound) as usize
        };
        for _ in 0..3000 {
            let count = [108, 120, 130, 131, 131, 131][next(6)];
            // Runs of empty columns of 0 to 20, between values of 0 to 70 bytes.
            let mut fields = Vec::new();
            while fields.len() < count {
                fields.extend(std::iter::repeat_n(String::new(), next(21)));
                fields.push("v".repeat(next(71)));
            }
            fields.truncate(count);
            let text = fields.join("\t");
            let width = if count == FIELD_COUNT { Width::Exact } else { Width::Padded };
            let parsed = EnrichedLine::parse(&text, width).unwrap();
            let mut expected: Vec<&str> = text.split('\t').collect();
            expected.resize(FIELD_COUNT, "");
            assert_eq!(parsed.fields().collect::<Vec<_>>(), expected, "{text:?}");
            let non_empty: Vec<u8> = (0..FIELD_COUNT).filter(|&i| !expected[i].is_empty()).map(|i| i as u8).collect();
            assert_eq!(parsed.non_empty_columns(), non_empty);
            assert!((0..FIELD_COUNT).all(|i| parsed.is_empty(i) == expected[i].is_empty()));
        }
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
    fn tab_masks_have_a_bit_for_each_tab() {
        // Pseudo-random blocks with tabs and their neighbours (0x08, 0x0a, 0x89) everywhere.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut block = [0u8; 64];
            for byte in &mut block {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *byte = [b'\t', b'x', 0x08, 0x0a, 0x89, b'\t', 0, 0xff][(state % 8) as usize];
            }
            let expected: u64 = block.iter().enumerate().filter(|(_, b)| **b == b'\t').map(|(i, _)| 1u64 << i).sum();
            assert_eq!(tab_mask(&block), expected, "{block:?}");
        }
    }

    #[test]
    fn tabs_are_found_in_every_position_of_a_block() {
        // Lines of every length around the 64-byte blocks, with tabs at every position.
        for len in 0..200 {
            for tab in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[tab] = b'\t';
                let text = String::from_utf8(bytes).unwrap();
                let error = EnrichedLine::parse(&text, Width::Exact).unwrap_err();
                assert_eq!(error, WidthError::FieldCount { found: 2, expected: "131" });
            }
            let text = "\t".repeat(len);
            let count = EnrichedLine::parse(&text, Width::Exact).map_or_else(|e| e.found(), |e| e.original_count());
            assert_eq!(count, len + 1);
        }
        let fields: Vec<String> = (0..131).map(|i| "é".repeat(i % 70)).collect();
        let text = fields.join("\t");
        assert_eq!(EnrichedLine::parse(&text, Width::Exact).unwrap().fields().collect::<Vec<_>>(), fields);
    }

    #[test]
    fn non_empty_columns_are_listed_in_order() {
        let keeps: [fn(usize) -> bool; 4] = [|i| i % 3 == 0 || i > 125, |i| i % 2 == 1, |_| false, |_| true];
        for keep in keeps {
            let fields: Vec<String> =
                (0..131).map(|i| if keep(i) { "x".repeat(i % 9 + 1) } else { String::new() }).collect();
            let text = fields.join("\t");
            let parsed = EnrichedLine::parse(&text, Width::Exact).unwrap();
            let expected: Vec<u8> = (0..131).filter(|&i| keep(i)).map(|i| i as u8).collect();
            assert_eq!(parsed.non_empty_columns(), expected);
        }
        let padded = line(120);
        let parsed = EnrichedLine::parse(&padded, Width::Padded).unwrap();
        assert_eq!(parsed.non_empty_columns(), (0..120).collect::<Vec<u8>>());
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
