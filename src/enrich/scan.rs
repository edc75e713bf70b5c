//! Byte scanning a word at a time, for the long runs of plain text in log lines, querystrings
//! and column values.
//!
//! Each 8-byte word is first tested as a whole by a cheap bit trick that may report a word
//! holding no interesting byte (it must never miss one); only flagged words are looked at byte
//! by byte. No `unsafe` and no intrinsics: plain `u64` arithmetic.

/// Bytes tested together.
const WORD: usize = 8;
const ONES: u64 = u64::from_le_bytes([0x01; WORD]);
const HIGHS: u64 = u64::from_le_bytes([0x80; WORD]);

/// Whether some byte of `word` is below `limit` (at most 0x80). Exact as a yes/no answer.
#[inline(always)]
pub(crate) const fn has_byte_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * limit as u64) & !word & HIGHS != 0
}

/// Whether some byte of `word` equals `byte`.
#[inline(always)]
pub(crate) const fn has_byte(word: u64, byte: u8) -> bool {
    has_byte_below(word ^ (ONES * byte as u64), 1)
}

/// Whether some byte of `word` is 0x80 or above (not ASCII).
#[inline(always)]
pub(crate) const fn has_non_ascii(word: u64) -> bool {
    word & HIGHS != 0
}

/// Length of the leading run of `bytes` whose every byte passes `accept`. `may_stop` must be
/// true for every word holding a byte `accept` rejects; it lets the other words be skipped.
#[inline(always)]
pub(crate) fn run_len(bytes: &[u8], may_stop: impl Fn(u64) -> bool, accept: impl Fn(u8) -> bool + Copy) -> usize {
    let (words, _) = bytes.as_chunks::<WORD>();
    let mut start = 0;
    for word in words {
        if may_stop(u64::from_le_bytes(*word))
            && let Some(offset) = word.iter().position(|&b| !accept(b))
        {
            return start + offset;
        }
        start += WORD;
    }
    start + bytes[start..].iter().position(|&b| !accept(b)).unwrap_or(bytes.len() - start)
}

/// The value of a hexadecimal digit (either case).
#[inline(always)]
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The high bit of each byte of `word` that is zero, and of no other byte (exact).
#[inline(always)]
const fn zero_bytes(word: u64) -> u64 {
    const LOW_BITS: u64 = !HIGHS;
    !(((word & LOW_BITS) + LOW_BITS) | word | LOW_BITS)
}

/// The high bit of each byte of `word` that a JSON string cannot hold as it is (a control
/// character, `"` or `\\`), and of no other byte: exact, so a word may be tested in part.
#[inline(always)]
const fn json_special_bytes(word: u64) -> u64 {
    const LOW_BITS: u64 = !HIGHS;
    // `(low seven bits) + 0x60` reaches the high bit exactly when the byte is 0x20 or more.
    let control = !(((word & LOW_BITS) + ONES * 0x60) | word | LOW_BITS);
    control | zero_bytes(word ^ (ONES * b'"' as u64)) | zero_bytes(word ^ (ONES * b'\\' as u64))
}

/// The high bit of the first byte of `word` that a JSON string cannot hold as it is, among
/// others: cheaper than [`json_special_bytes`], and exact up to the first (a byte is only
/// wrongly marked after a special one, whose subtraction borrowed from it).
#[inline(always)]
pub(crate) const fn first_json_special_bytes(word: u64) -> u64 {
    // `"`, `\\` and the controls all have a clear high bit, so a byte's high bit in `word`
    // is its high bit in each `word ^ …`.
    let below = (word ^ (ONES * b'"' as u64)).wrapping_sub(ONES)
        | (word ^ (ONES * b'\\' as u64)).wrapping_sub(ONES)
        | word.wrapping_sub(ONES * 0x20);
    below & !word & HIGHS
}

/// Whether a JSON string cannot hold `byte` as it is: a control character, `"` or `\\`.
#[inline(always)]
pub(crate) fn is_json_special(byte: u8) -> bool {
    // `|`, not `||`: no branches, so that blocks of bytes are tested as vectors.
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// Whether any of the first `N` bytes of `block` (which has at least `N`) is `special`:
/// written as a fold over a fixed-size block so that the compiler turns it into a few vector
/// instructions.
#[inline(always)]
pub(crate) fn any_of_block<const N: usize>(block: &[u8], special: impl Fn(u8) -> bool) -> bool {
    let block: &[u8; N] = block.try_into().unwrap_or(&[0; N]);
    block.iter().fold(false, |any, &byte| any | special(byte))
}

/// The offset of the first byte at or after `from` that a JSON string cannot hold as it is.
/// The first word is tested alone, as most strings are short; long runs are skipped sixteen
/// bytes at a time; the hit is then located a word at a time, the last partial word by
/// reading the text's last eight bytes and ignoring those already seen.
pub(crate) fn find_json_special(bytes: &[u8], from: usize) -> Option<usize> {
    let mut pos = from;
    if let Some(word) = bytes.get(pos..pos + WORD) {
        let found = first_json_special_bytes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(pos + (found.trailing_zeros() / 8) as usize);
        }
        pos += WORD;
        while let Some(block) = bytes.get(pos..pos + 16) {
            if any_of_block::<16>(block, is_json_special) {
                break;
            }
            pos += 16;
        }
    }
    while let Some(word) = bytes.get(pos..pos + WORD) {
        let found = first_json_special_bytes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(pos + (found.trailing_zeros() / 8) as usize);
        }
        pos += WORD;
    }
    let len = bytes.len();
    if pos >= len {
        return None;
    }
    if len < WORD {
        return bytes[pos..].iter().position(|&byte| is_json_special(byte)).map(|i| pos + i);
    }
    let last = u64::from_le_bytes(bytes[len - WORD..].try_into().unwrap_or_default());
    let seen = WORD - (len - pos);
    let found = json_special_bytes(last) & (u64::MAX << (seen * 8));
    (found != 0).then(|| len - WORD + (found.trailing_zeros() / 8) as usize)
}

/// Java's `\s` in a byte: space, `\t`, `\n`, `\x0B`, `\x0C`, `\r`.
#[inline(always)]
pub(crate) fn is_java_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Length of the leading run of `bytes` without Java whitespace.
#[inline]
pub(crate) fn non_whitespace_len(bytes: &[u8]) -> usize {
    // Every whitespace byte is below 0x21; other control bytes are rare false alarms.
    run_len(bytes, |word| has_byte_below(word, 0x21), |b| !is_java_whitespace(b))
}

/// A name of 1 to 7 bytes packed into a `u64`: the bytes, little-endian, and the length in the
/// top byte (distinct names, distinct keys, never 0). `None` for any other
/// name (no tracker-protocol name is one).
#[inline(always)]
pub(crate) const fn packed_name(name: &[u8]) -> Option<u64> {
    let len = name.len();
    let bytes = match len {
        0 => return None,
        1..=3 => name[0] as u64 | (name[len / 2] as u64) << (8 * (len / 2)) | (name[len - 1] as u64) << (8 * (len - 1)),
        4..=7 => {
            // Two overlapping 4-byte reads; the overlap holds the same bytes in both.
            let low = u32::from_le_bytes([name[0], name[1], name[2], name[3]]) as u64;
            let high = u32::from_le_bytes([name[len - 4], name[len - 3], name[len - 2], name[len - 1]]) as u64;
            low | high << (8 * (len - 4))
        }
        _ => return None,
    };
    Some(bytes | (len as u64) << 56)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of varied length with one byte of interest at every offset, so every word
    /// boundary and the tail after the last whole word are covered.
    fn every_placement(interesting: u8, plain: u8, check: impl Fn(&[u8], Option<usize>)) {
        for len in 0..=48 {
            check(&vec![plain; len], None);
            for at in 0..len.min(40) {
                let mut line = vec![plain; len];
                line[at] = interesting;
                check(&line, Some(at));
                // A second one later must not move the first.
                if at + 1 < len {
                    line[len - 1] = interesting;
                    check(&line, Some(at));
                }
            }
        }
    }

    #[test]
    fn whitespace_runs_stop_at_the_first_whitespace_at_any_offset() {
        for stop in [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r'] {
            for plain in [b'a', 0x00, 0x1F, b'!', 0x7F, 0x80, 0xFF] {
                every_placement(stop, plain, |line, first| {
                    assert_eq!(non_whitespace_len(line), first.unwrap_or(line.len()), "{line:?}");
                });
            }
        }
    }

    #[test]
    fn word_tests_never_miss_a_byte() {
        for target in 0..=255u8 {
            for background in [0x00u8, 0x20, 0x21, 0x41, 0x7F, 0x80, 0xFF] {
                for at in 0..WORD {
                    let mut bytes = [background; WORD];
                    bytes[at] = target;
                    let word = u64::from_le_bytes(bytes);
                    for limit in [0x01, 0x20, 0x21, 0x80] {
                        assert_eq!(has_byte_below(word, limit), bytes.iter().any(|&b| b < limit), "{bytes:?} {limit}");
                    }
                    for byte in [b'%', b'+', 0x7F] {
                        assert_eq!(has_byte(word, byte), bytes.contains(&byte), "{bytes:?} {byte}");
                    }
                    assert_eq!(has_non_ascii(word), bytes.iter().any(|&b| b >= 0x80));
                }
            }
        }
    }

    #[test]
    fn json_specials_are_found_at_any_offset_from_any_start() {
        for special in [0x00, 0x1F, b'"', b'\\'] {
            for plain in [b'a', b' ', b'!', b'#', b']', 0x7F, 0x80, 0xFF] {
                every_placement(special, plain, |line, first| {
                    for from in 0..=line.len() {
                        let expected = line[from..].iter().position(|&b| is_json_special(b)).map(|i| from + i);
                        assert_eq!(find_json_special(line, from), expected, "{line:?} from {from}");
                    }
                    assert_eq!(find_json_special(line, 0), first, "{line:?}");
                });
            }
        }
        let specials: Vec<u8> = (0..=255u8).filter(|&b| is_json_special(b)).collect();
        assert_eq!(specials, [(0..0x20).collect::<Vec<u8>>(), vec![b'"', b'\\']].concat());
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([b'a', byte, b'b', b'c', byte, b'd', b'e', b'f']);
            assert_eq!(json_special_bytes(word) != 0, is_json_special(byte), "{byte}");
        }
    }

    #[test]
    fn java_whitespace_is_exactly_six_bytes() {
        let expected: Vec<u8> = (0..=255u8).filter(|&b| is_java_whitespace(b)).collect();
        assert_eq!(expected, [b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ']);
    }
}
