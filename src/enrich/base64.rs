//! Base64 as Snowplow decodes it (Apache commons-codec `Base64(urlSafe = true)`): both
//! alphabets, padding optional, and characters outside the alphabet skipped, so a tracker's
//! `cx=eyJ...` decodes whether or not it was padded or URL-safe.
//!
//! POST bodies and `cx` / `ue_px` values make this one of the hottest loops of `enrich`, so
//! clean runs are decoded eight characters at a time through a table of character pairs; any
//! chunk holding padding, junk or a character of neither alphabet goes through the lenient
//! byte loop, which hands back to the fast path as soon as it is at a group boundary again.

/// Marks a byte outside both alphabets in [`VALUES`].
const SKIP: u8 = 0x80;
/// Marks `=` in [`VALUES`].
const PAD: u8 = 0x81;

/// Each byte's 6-bit value in either alphabet, or [`SKIP`] / [`PAD`].
static VALUES: [u8; 256] = {
    let mut table = [SKIP; 256];
    let mut i = 0;
    while i < 26 {
        table[b'A' as usize + i] = i as u8;
        table[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        table[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    table[b'+' as usize] = 62;
    table[b'-' as usize] = 62;
    table[b'/' as usize] = 63;
    table[b'_' as usize] = 63;
    table[b'=' as usize] = PAD;
    table
};

/// Marks a pair in [`PAIRS`] holding a byte that is not an alphabet character.
const BAD_PAIR: u16 = 0x8000;

/// Two characters read as a little-endian `u16` (first character in the low byte) → their 12
/// bits (first character's six high), or [`BAD_PAIR`] unless both are alphabet characters.
static PAIRS: [u16; 65536] = {
    let mut table = [BAD_PAIR; 65536];
    let mut first = 0;
    while first < 256 {
        let high = VALUES[first];
        if high & 0x80 == 0 {
            let mut second = 0;
            while second < 256 {
                let low = VALUES[second];
                if low & 0x80 == 0 {
                    table[first | (second << 8)] = ((high as u16) << 6) | low as u16;
                }
                second += 1;
            }
        }
        first += 1;
    }
    table
};

/// Decodes `input` leniently: both alphabets, optional padding, characters outside the
/// alphabets skipped, decoding stopped at the first `=`. Trailing bits that cannot form a whole
/// byte (a single stray character) are dropped, as commons-codec drops them.
pub fn decode_lenient(input: &[u8]) -> Vec<u8> {
    // Every four characters make at most three bytes. Not zero-filled: bodies are kilobytes.
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut at = 0;
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    'aligned: loop {
        // No pending bits here: whole chunks of eight alphabet characters are six bytes each.
        at = decode_chunks(input, at, &mut out);
        // The lenient loop, one byte at a time until it is back at a group boundary.
        while let Some(&byte) = input.get(at) {
            at += 1;
            match VALUES[usize::from(byte)] {
                // Padding ends the data, as in commons-codec.
                PAD => break 'aligned,
                SKIP => {}
                value => {
                    buffer = (buffer << 6) | u32::from(value);
                    bits += 6;
                    if bits >= 8 {
                        bits -= 8;
                        out.push((buffer >> bits) as u8);
                        buffer &= (1 << bits) - 1;
                    }
                }
            }
            if bits == 0 {
                continue 'aligned;
            }
        }
        break;
    }
    out
}

/// Decodes whole chunks of eight alphabet characters from `input[at..]` onto `out` and returns
/// the new position: it stops at the first chunk holding anything else, or when fewer than
/// eight characters are left.
#[inline(always)]
fn decode_chunks(input: &[u8], mut at: usize, out: &mut Vec<u8>) -> usize {
    /// Chunks decoded into a stack buffer before one append to `out`.
    const GROUP: usize = 64;
    let (chunks, _) = input[at..].as_chunks::<8>();
    for group in chunks.chunks(GROUP) {
        // Each chunk stores eight bytes, six of them decoded: two bytes of slack at the end.
        let mut buffer = [0u8; GROUP * 6 + 2];
        let mut written = 0;
        for chunk in group {
            let word = u64::from_le_bytes(*chunk);
            let a = PAIRS[(word & 0xffff) as usize];
            let b = PAIRS[((word >> 16) & 0xffff) as usize];
            let c = PAIRS[((word >> 32) & 0xffff) as usize];
            let d = PAIRS[(word >> 48) as usize];
            if (a | b | c | d) & BAD_PAIR != 0 {
                out.extend_from_slice(&buffer[..written]);
                return at;
            }
            let bytes = (u64::from(a) << 52) | (u64::from(b) << 40) | (u64::from(c) << 28) | (u64::from(d) << 16);
            buffer[written..written + 8].copy_from_slice(&bytes.to_be_bytes());
            written += 6;
            at += 8;
        }
        out.extend_from_slice(&buffer[..written]);
    }
    at
}

/// Decodes `input` leniently ([`decode_lenient`]) as UTF-8 text, replacing invalid sequences.
pub fn decode_lenient_text(input: &[u8]) -> String {
    utf8_lossy(decode_lenient(input))
}

/// `bytes` as UTF-8, invalid sequences replaced (as `String::from_utf8_lossy`), without copying
/// valid text.
pub fn utf8_lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// Encodes URL-safe base64 without padding, as the redirect adapter writes it.
pub fn encode_url_safe(input: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(input)
}

/// Encodes standard base64 with padding, as bad rows carry binary records.
pub fn encode_standard(input: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder this module had before the chunked fast path, kept as the reference: the
    /// `base64` crate's strict engines (one per alphabet) first, then a lenient byte loop.
    fn reference(input: &[u8]) -> Vec<u8> {
        use base64::Engine as _;
        use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
        let config = GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true);
        for alphabet in [&base64::alphabet::URL_SAFE, &base64::alphabet::STANDARD] {
            if let Ok(bytes) = GeneralPurpose::new(alphabet, config).decode(input) {
                return bytes;
            }
        }
        let mut out = Vec::new();
        let mut buffer: u32 = 0;
        let mut bits = 0u32;
        for &byte in input {
            let value = match VALUES[usize::from(byte)] {
                PAD => break,
                SKIP => continue,
                value => value,
            };
            buffer = (buffer << 6) | u32::from(value);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
                buffer &= (1 << bits) - 1;
            }
        }
        out
    }

    fn check(input: &[u8]) {
        assert_eq!(decode_lenient(input), reference(input), "{:?}", String::from_utf8_lossy(input));
    }

    #[test]
    fn padding_is_optional() {
        assert_eq!(decode_lenient(b"am9obitzbWl0aA"), b"john+smith");
        assert_eq!(decode_lenient(b"am9obitzbWl0aA=="), b"john+smith");
    }

    #[test]
    fn both_alphabets_and_junk_are_accepted() {
        let bytes = [0xfb, 0xff, 0xbf];
        assert_eq!(decode_lenient(b"-_-_"), bytes);
        assert_eq!(decode_lenient(b"+/+/"), bytes);
        assert_eq!(decode_lenient(b"+/\n+ /"), bytes);
        assert_eq!(decode_lenient(b"-/+_-/+_"), [bytes, bytes].concat());
    }

    #[test]
    fn pair_table_matches_the_value_table() {
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                let pair = PAIRS[usize::from(first) | usize::from(second) << 8];
                let (high, low) = (VALUES[usize::from(first)], VALUES[usize::from(second)]);
                if (high | low) & 0x80 != 0 {
                    assert_eq!(pair, BAD_PAIR, "{first} {second}");
                } else {
                    assert_eq!(pair, u16::from(high) << 6 | u16::from(low), "{first} {second}");
                }
            }
        }
    }

    #[test]
    fn fast_path_hands_over_to_the_lenient_loop() {
        // Every split point between clean chunks and junk, padding or a stray character.
        let data: Vec<u8> = (0..=255).collect();
        let encoded = encode_standard(&data);
        for junk in [&b"\n"[..], b" ", b"\r\n", b"%", b"\xff", b"*.*", b"\x00"] {
            for cut in 0..encoded.len() {
                let mut noisy = encoded.as_bytes()[..cut].to_vec();
                noisy.extend_from_slice(junk);
                noisy.extend_from_slice(&encoded.as_bytes()[cut..]);
                assert_eq!(decode_lenient(&noisy), data, "junk at {cut}");
                check(&noisy);
            }
        }
        assert_eq!(decode_lenient(b"am9o=bitz"), b"joh");
        assert_eq!(decode_lenient(b"am9obitzbWl0aA=bitzbWl0aA"), b"john+smith");
        assert_eq!(decode_lenient(b"am9ob"), b"joh");
        assert_eq!(decode_lenient_text(b"_w"), "\u{fffd}");
    }

    #[test]
    fn padding_anywhere_stops_decoding() {
        let encoded = encode_url_safe(&(0..=255).rev().collect::<Vec<u8>>());
        for cut in 0..encoded.len() {
            for pad in [&b"="[..], b"==", b"==="] {
                let mut padded = encoded.as_bytes()[..cut].to_vec();
                padded.extend_from_slice(pad);
                padded.extend_from_slice(&encoded.as_bytes()[cut..]);
                check(&padded);
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_every_cut() {
        let data: Vec<u8> = (0..=255).rev().collect();
        for len in 0..40 {
            for encoded in [encode_url_safe(&data[..len]), encode_standard(&data[..len])] {
                for cut in 0..=encoded.len() {
                    check(&encoded.as_bytes()[..cut]);
                    // A stray character or junk after a cut.
                    for tail in [&b"A"[..], b"Q", b"_", b"+", b"!", b"\n"] {
                        check(&[&encoded.as_bytes()[..cut], tail].concat());
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_noisy_input() {
        // Mostly alphabet characters (so chunks are often clean), some of everything else.
        const ALPHABETS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        const OTHERS: &[u8] = b"= \n\r\t%.*:\x00\x7f\x80\xc3\xff";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 64) as usize;
            let noise = next() % 400;
            let input: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 1000 < noise {
                        OTHERS[(r >> 16) as usize % OTHERS.len()]
                    } else {
                        ALPHABETS[(r >> 16) as usize % ALPHABETS.len()]
                    }
                })
                .collect();
            check(&input);
        }
    }

    #[test]
    fn round_trips_the_encoders() {
        let data = b"{\"schema\":\"iglu:x\"}\xff";
        assert_eq!(decode_lenient(encode_url_safe(data).as_bytes()), data);
        assert_eq!(decode_lenient(encode_standard(data).as_bytes()), data);
        for len in 0..100 {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode_lenient(encode_url_safe(&data).as_bytes()), data);
            assert_eq!(decode_lenient(encode_standard(&data).as_bytes()), data);
        }
    }
}
