//! Base64 as Snowplow decodes it (Apache commons-codec `Base64(urlSafe = true)`): both
//! alphabets, padding optional, and characters outside the alphabet skipped, so a tracker's
//! `cx=eyJ...` decodes whether or not it was padded or URL-safe.

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

/// Strict decoders for the common case, one per alphabet: unpadded or canonically padded
/// input with nothing else in it. Non-zero trailing bits are allowed, as commons-codec ignores
/// them. Whatever these reject goes to the lenient loop, which decodes clean input the same way.
const STRICT: [base64::engine::GeneralPurpose; 2] = {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    [GeneralPurpose::new(&base64::alphabet::URL_SAFE, config), GeneralPurpose::new(&base64::alphabet::STANDARD, config)]
};

/// Decodes `input` leniently. Trailing bits that cannot form a whole byte (a single stray
/// character) are dropped, as commons-codec drops them.
pub fn decode_lenient(input: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    for engine in &STRICT {
        if let Ok(bytes) = engine.decode(input) {
            return bytes;
        }
    }
    decode_any(input)
}

/// The lenient loop: skips junk, stops at padding, drops a stray trailing character.
fn decode_any(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    // Fast path: whole groups of four alphabet characters are three bytes each. Four 6-bit
    // groups leave no pending bits, so the general loop below can take over at any group.
    let mut groups = input.chunks_exact(4);
    let mut consumed = 0;
    for group in groups.by_ref() {
        let [a, b, c, d] = [group[0], group[1], group[2], group[3]].map(|byte| VALUES[usize::from(byte)]);
        if (a | b | c | d) & 0x80 != 0 {
            break;
        }
        let n = (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
        consumed += 4;
    }
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &byte in &input[consumed..] {
        let value = match VALUES[usize::from(byte)] {
            // Padding ends the data, as in commons-codec.
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
    }

    #[test]
    fn fast_path_hands_over_to_the_lenient_loop() {
        // Every split point between clean groups and junk, padding or a stray character.
        let data: Vec<u8> = (0..=255).collect();
        let encoded = encode_standard(&data);
        for cut in 0..encoded.len() {
            let mut noisy = encoded.as_bytes()[..cut].to_vec();
            noisy.push(b'\n');
            noisy.extend_from_slice(&encoded.as_bytes()[cut..]);
            assert_eq!(decode_lenient(&noisy), data, "junk at {cut}");
        }
        assert_eq!(decode_lenient(b"am9o=bitz"), b"joh");
        assert_eq!(decode_lenient(b"am9ob"), b"joh");
        assert_eq!(decode_lenient_text(b"_w"), "\u{fffd}");
    }

    #[test]
    fn strict_and_lenient_decoding_agree() {
        // The strict engines must never accept input the lenient loop would decode differently.
        let data: Vec<u8> = (0..=255).rev().collect();
        for len in 0..40 {
            for encoded in [encode_url_safe(&data[..len]), encode_standard(&data[..len])] {
                for cut in 0..=encoded.len() {
                    let input = &encoded.as_bytes()[..cut];
                    assert_eq!(decode_lenient(input), decode_any(input), "{:?}", String::from_utf8_lossy(input));
                }
            }
        }
    }

    #[test]
    fn round_trips_the_encoders() {
        let data = b"{\"schema\":\"iglu:x\"}\xff";
        assert_eq!(decode_lenient(encode_url_safe(data).as_bytes()), data);
        assert_eq!(decode_lenient(encode_standard(data).as_bytes()), data);
    }
}
