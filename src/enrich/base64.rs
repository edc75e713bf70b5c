//! Base64 as Snowplow decodes it (Apache commons-codec `Base64(urlSafe = true)`): both
//! alphabets, padding optional, and characters outside the alphabet skipped, so a tracker's
//! `cx=eyJ...` decodes whether or not it was padded or URL-safe.

/// Decodes `input` leniently. Trailing bits that cannot form a whole byte (a single stray
/// character) are dropped, as commons-codec drops them.
pub fn decode_lenient(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &byte in input {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            // Padding ends the data, as in commons-codec.
            b'=' => break,
            _ => continue,
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
    fn round_trips_the_encoders() {
        let data = b"{\"schema\":\"iglu:x\"}\xff";
        assert_eq!(decode_lenient(encode_url_safe(data).as_bytes()), data);
        assert_eq!(decode_lenient(encode_standard(data).as_bytes()), data);
    }
}
