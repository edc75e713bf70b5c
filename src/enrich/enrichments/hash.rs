//! The digests the fingerprint and PII enrichments offer, as lower-case hex.
//!
//! All come from the RustCrypto crates. MD2, MD5 and SHA-1 are only here to reproduce Enrich's
//! pseudonyms and fingerprints, never for security.

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
        self.hex_of_parts_into(&[data], out);
    }

    /// Appends the lower-case hex digest of the concatenation of `parts` to `out`, without
    /// building the concatenation.
    pub fn hex_of_parts_into(self, parts: &[&[u8]], out: &mut String) {
        match self {
            HashAlgorithm::Md2 => hex_digest::<md2::Md2>(parts, out),
            HashAlgorithm::Md5 => hex_digest::<md5::Md5>(parts, out),
            HashAlgorithm::Sha1 => hex_digest::<sha1::Sha1>(parts, out),
            HashAlgorithm::Sha256 => hex_digest::<sha2::Sha256>(parts, out),
            HashAlgorithm::Sha384 => hex_digest::<sha2::Sha384>(parts, out),
            HashAlgorithm::Sha512 => hex_digest::<sha2::Sha512>(parts, out),
        }
    }

    /// The lower-case hex digest of `data`.
    pub fn hex(self, data: &[u8]) -> String {
        let mut out = String::with_capacity(128);
        self.hex_into(data, &mut out);
        out
    }
}

fn hex_digest<D: sha2::Digest>(parts: &[&[u8]], out: &mut String) {
    let mut hasher = D::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize(), out);
}

fn hex(bytes: &[u8], out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
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
    fn hashing_parts_is_hashing_their_concatenation() {
        let all = [
            HashAlgorithm::Md2,
            HashAlgorithm::Md5,
            HashAlgorithm::Sha1,
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha384,
            HashAlgorithm::Sha512,
        ];
        let long = vec![b'x'; 300];
        for algorithm in all {
            for (a, b) in [(&b""[..], &b""[..]), (b"abc", b""), (b"", b"salt"), (b"user@example.com", &long[..])] {
                let mut parts = String::new();
                algorithm.hex_of_parts_into(&[a, b], &mut parts);
                assert_eq!(parts, algorithm.hex(&[a, b].concat()), "{algorithm:?}");
            }
        }
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
