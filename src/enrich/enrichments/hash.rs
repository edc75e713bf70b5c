//! The digests the fingerprint and PII enrichments offer, as lower-case hex.
//!
//! SHA-2 comes from the `sha2` crate. MD2, MD5 and SHA-1 are small enough to carry here (they
//! are only used to reproduce Enrich's pseudonyms and fingerprints, never for security); each
//! is checked against its RFC test vectors below.

use sha2::Digest as _;

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlgorithm {
    /// MD2 (RFC 1319).
    Md2,
    /// MD5 (RFC 1321).
    Md5,
    /// SHA-1 (RFC 3174).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlgorithm {
    /// Reads a name as the configs spell it: `MD5`, `SHA1` / `SHA-1`, `SHA-256`, … (any case).
    pub fn parse(name: &str) -> Option<HashAlgorithm> {
        let normalised: String = name.chars().filter(|c| *c != '-').collect::<String>().to_ascii_uppercase();
        Some(match normalised.as_str() {
            "MD2" => HashAlgorithm::Md2,
            "MD5" => HashAlgorithm::Md5,
            "SHA1" => HashAlgorithm::Sha1,
            "SHA256" => HashAlgorithm::Sha256,
            "SHA384" => HashAlgorithm::Sha384,
            "SHA512" => HashAlgorithm::Sha512,
            _ => return None,
        })
    }

    /// Appends the lower-case hex digest of `data` to `out`.
    pub fn hex_into(self, data: &[u8], out: &mut String) {
        match self {
            HashAlgorithm::Md2 => hex(&md2(data), out),
            HashAlgorithm::Md5 => hex(&md5(data), out),
            HashAlgorithm::Sha1 => hex(&sha1(data), out),
            HashAlgorithm::Sha256 => hex(&sha2::Sha256::digest(data), out),
            HashAlgorithm::Sha384 => hex(&sha2::Sha384::digest(data), out),
            HashAlgorithm::Sha512 => hex(&sha2::Sha512::digest(data), out),
        }
    }

    /// The lower-case hex digest of `data`.
    pub fn hex(self, data: &[u8]) -> String {
        let mut out = String::with_capacity(128);
        self.hex_into(data, &mut out);
        out
    }
}

fn hex(bytes: &[u8], out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
}

/// The MD2 S-box: a permutation of 0..=255 built from the digits of pi (RFC 1319).
const MD2_S: [u8; 256] = [
    41, 46, 67, 201, 162, 216, 124, 1, 61, 54, 84, 161, 236, 240, 6, 19, 98, 167, 5, 243, 192, 199, 115, 140, 152, 147,
    43, 217, 188, 76, 130, 202, 30, 155, 87, 60, 253, 212, 224, 22, 103, 66, 111, 24, 138, 23, 229, 18, 190, 78, 196,
    214, 218, 158, 222, 73, 160, 251, 245, 142, 187, 47, 238, 122, 169, 104, 121, 145, 21, 178, 7, 63, 148, 194, 16,
    137, 11, 34, 95, 33, 128, 127, 93, 154, 90, 144, 50, 39, 53, 62, 204, 231, 191, 247, 151, 3, 255, 25, 48, 179, 72,
    165, 181, 209, 215, 94, 146, 42, 172, 86, 170, 198, 79, 184, 56, 210, 150, 164, 125, 182, 118, 252, 107, 226, 156,
    116, 4, 241, 69, 157, 112, 89, 100, 113, 135, 32, 134, 91, 207, 101, 230, 45, 168, 2, 27, 96, 37, 173, 174, 176,
    185, 246, 28, 70, 97, 105, 52, 64, 126, 15, 85, 71, 163, 35, 221, 81, 175, 58, 195, 92, 249, 206, 186, 197, 234,
    38, 44, 83, 13, 110, 133, 40, 132, 9, 211, 223, 205, 244, 65, 129, 77, 82, 106, 220, 55, 200, 108, 193, 171, 250,
    36, 225, 123, 8, 12, 189, 177, 74, 120, 136, 149, 139, 227, 99, 232, 109, 233, 203, 213, 254, 59, 0, 29, 57, 242,
    239, 183, 14, 102, 88, 208, 228, 166, 119, 114, 248, 235, 117, 75, 10, 49, 68, 80, 180, 143, 237, 31, 26, 219, 153,
    141, 51, 159, 17, 131, 20,
];

fn md2(data: &[u8]) -> [u8; 16] {
    let padding = 16 - data.len() % 16;
    let mut message = Vec::with_capacity(data.len() + padding + 16);
    message.extend_from_slice(data);
    message.extend(std::iter::repeat_n(padding as u8, padding));
    let mut checksum = [0u8; 16];
    let mut last = 0u8;
    for block in message.chunks(16) {
        for (j, byte) in block.iter().enumerate() {
            checksum[j] ^= MD2_S[usize::from(byte ^ last)];
            last = checksum[j];
        }
    }
    message.extend_from_slice(&checksum);
    let mut state = [0u8; 48];
    for block in message.chunks(16) {
        for j in 0..16 {
            state[16 + j] = block[j];
            state[32 + j] = state[16 + j] ^ state[j];
        }
        let mut t = 0u8;
        for round in 0..18u8 {
            for byte in &mut state {
                *byte ^= MD2_S[usize::from(t)];
                t = *byte;
            }
            t = t.wrapping_add(round);
        }
    }
    let mut out = [0u8; 16];
    out.copy_from_slice(&state[..16]);
    out
}

/// MD-style padding: the message, 0x80, zeros, and the bit length (64 bits, `big_endian` or
/// little-endian), to a multiple of 64 bytes.
fn md_padded(data: &[u8], big_endian: bool) -> Vec<u8> {
    let mut message = Vec::with_capacity(data.len() + 72);
    message.extend_from_slice(data);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    let bits = (data.len() as u64).wrapping_mul(8);
    message.extend_from_slice(&if big_endian { bits.to_be_bytes() } else { bits.to_le_bytes() });
    message
}

fn md5(data: &[u8]) -> [u8; 16] {
    const SHIFTS: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
        20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6,
        10, 15, 21,
    ];
    // K[i] = floor(abs(sin(i + 1)) * 2^32), as RFC 1321 defines the table.
    let constants: [u32; 64] = std::array::from_fn(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32);
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    for block in md_padded(data, false).chunks(64) {
        let words: [u32; 16] =
            std::array::from_fn(|i| u32::from_le_bytes(block[i * 4..i * 4 + 4].try_into().unwrap_or_default()));
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let rotated = a.wrapping_add(f).wrapping_add(constants[i]).wrapping_add(words[g]).rotate_left(SHIFTS[i]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(rotated);
        }
        for (slot, value) in state.iter_mut().zip([a, b, c, d]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 16];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}

fn sha1(data: &[u8]) -> [u8; 20] {
    let mut state: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
    for block in md_padded(data, true).chunks(64) {
        let mut words = [0u32; 80];
        for i in 0..16 {
            words[i] = u32::from_be_bytes(block[i * 4..i * 4 + 4].try_into().unwrap_or_default());
        }
        for i in 16..80 {
            words[i] = (words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = state;
        for (i, word) in words.iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((b & c) | (!b & d), 0x5a82_7999),
                1 => (b ^ c ^ d, 0x6ed9_eba1),
                2 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let temp = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*word);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = temp;
        }
        for (slot, value) in state.iter_mut().zip([a, b, c, d, e]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md2_matches_rfc_1319() {
        assert_eq!(HashAlgorithm::Md2.hex(b""), "8350e5a3e24c153df2275c9f80692773");
        assert_eq!(HashAlgorithm::Md2.hex(b"abc"), "da853b0d3f88d99b30283a69e6ded6bb");
        assert_eq!(HashAlgorithm::Md2.hex(b"message digest"), "ab4f496bfb2a530b219ff33031fe06b0");
        let long = b"12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(HashAlgorithm::Md2.hex(long), "d5976f79d83d3a0dc9806c3c66f3efd8");
    }

    #[test]
    fn md5_matches_rfc_1321() {
        assert_eq!(HashAlgorithm::Md5.hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(HashAlgorithm::Md5.hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        let long = b"12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(HashAlgorithm::Md5.hex(long), "57edf4a22be3c955ac49da2e2107b67a");
    }

    #[test]
    fn sha1_matches_rfc_3174() {
        assert_eq!(HashAlgorithm::Sha1.hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            HashAlgorithm::Sha1.hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert_eq!(HashAlgorithm::Sha1.hex(&vec![b'a'; 1_000_000]), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    }

    #[test]
    fn names_parse_in_every_spelling() {
        assert_eq!(HashAlgorithm::parse("SHA-1"), Some(HashAlgorithm::Sha1));
        assert_eq!(HashAlgorithm::parse("SHA1"), Some(HashAlgorithm::Sha1));
        assert_eq!(HashAlgorithm::parse("sha384"), Some(HashAlgorithm::Sha384));
        assert_eq!(HashAlgorithm::parse("MD2"), Some(HashAlgorithm::Md2));
        assert_eq!(HashAlgorithm::parse("CRC32"), None);
        assert_eq!(HashAlgorithm::Sha256.hex(b"abc").len(), 64);
    }
}
