//! SHA-256 digests (*impronte*) of documents, events and packages.

use std::fmt;
use std::io;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// A SHA-256 digest: the *impronta* of a document (DPR 445/2000 art. 53 c.1 lett. f; AgID Linee
/// guida Allegato 6 Tabella 1 lists SHA-256 among the allowed algorithms and the segnatura XSD uses
/// it as the default `algoritmo`).
///
/// Serialized as 64 lowercase hex digits; [`Digest::to_base64`] gives the form the segnatura
/// carries (`ImprontaType` is `xs:base64Binary`).
///
/// ```
/// use sportello::archive::Digest;
/// let d = Digest::of(b"abc");
/// assert_eq!(d.to_hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// assert_eq!(d.to_base64(), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Digest([u8; 32]);

/// Text that is not 64 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("digest {text:?} is not 64 hexadecimal digits (SHA-256)")]
pub struct DigestError {
    /// The text as given.
    pub text: String,
}

impl Digest {
    /// The all-zero digest: the "previous" link of the first event of a chain.
    pub const ZERO: Digest = Digest([0; 32]);

    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(Sha256::digest(bytes).into())
    }

    /// The SHA-256 of several parts fed in order (no separators: callers frame their parts).
    pub fn of_parts(parts: &[&[u8]]) -> Digest {
        let mut h = Sha256::new();
        for p in parts {
            h.update(p);
        }
        Digest(h.finalize().into())
    }

    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        self.hex().as_str().to_string()
    }

    /// The 64 hex digits as ASCII bytes, on the stack.
    pub(crate) fn hex_bytes(&self) -> [u8; 64] {
        self.hex().0
    }

    /// The hex digits on the stack (what `Serialize` and `Display` write, without allocating).
    fn hex(&self) -> Hex {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (pair, b) in out.chunks_exact_mut(2).zip(self.0) {
            pair[0] = HEX[usize::from(b >> 4)];
            pair[1] = HEX[usize::from(b & 0x0f)];
        }
        Hex(out)
    }

    /// Standard base64 with padding (RFC 4648 §4), as `xs:base64Binary` expects.
    pub fn to_base64(&self) -> String {
        base64(&self.0)
    }
}

/// 64 ASCII hex digits.
struct Hex([u8; 64]);

impl Hex {
    fn as_str(&self) -> &str {
        // only ASCII hex digits are ever written
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// 64 lowercase hex digits, as `Display` writes them (no intermediate `String`).
impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.hex().as_str())
    }
}

/// SHA-256 computed incrementally: bytes fed with [`DigestWriter::update`] or written through
/// [`io::Write`] (e.g. by `serde_json::to_writer`), so that a canonical form is hashed as it is
/// produced, without building it in memory first.
///
/// ```
/// use std::io::Write;
/// use sportello::archive::{Digest, DigestWriter};
/// let mut w = DigestWriter::new();
/// w.update(b"ab");
/// write!(w, "c")?;
/// assert_eq!(w.finish(), Digest::of(b"abc"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone)]
pub struct DigestWriter {
    hasher: Sha256,
    // serializers write many small pieces: they are gathered here and hashed in runs of blocks
    pending: [u8; PENDING],
    len: usize,
}

const PENDING: usize = 512;

impl Default for DigestWriter {
    fn default() -> Self {
        DigestWriter { hasher: Sha256::new(), pending: [0; PENDING], len: 0 }
    }
}

impl DigestWriter {
    /// A fresh SHA-256 state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds `bytes`.
    #[inline]
    pub fn update(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end <= PENDING {
            self.pending[self.len..end].copy_from_slice(bytes);
            self.len = end;
        } else {
            self.spill(bytes);
        }
    }

    #[cold]
    fn spill(&mut self, bytes: &[u8]) {
        self.hasher.update(&self.pending[..self.len]);
        self.len = 0;
        if bytes.len() >= PENDING {
            self.hasher.update(bytes);
        } else {
            self.pending[..bytes.len()].copy_from_slice(bytes);
            self.len = bytes.len();
        }
    }

    /// The digest of everything fed so far.
    pub fn finish(mut self) -> Digest {
        self.hasher.update(&self.pending[..self.len]);
        Digest(self.hasher.finalize().into())
    }
}

impl io::Write for DigestWriter {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.update(buf);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl fmt::Debug for DigestWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DigestWriter(SHA-256)")
    }
}

/// RFC 4648 §4 base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    Base64(bytes).to_string()
}

/// RFC 4648 §4 base64 with padding, written to a formatter piece by piece (serializers take it
/// through `collect_str`, so a document's content is never encoded into an intermediate `String`).
pub(crate) struct Base64<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Base64<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        // 192 input bytes (64 groups of 3) give 256 output characters
        let mut out = [0u8; 256];
        for piece in self.0.chunks(192) {
            let mut len = 0;
            for chunk in piece.chunks(3) {
                let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
                let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
                for i in 0..4 {
                    out[len + i] =
                        if i <= chunk.len() { ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] } else { b'=' };
                }
                len += 4;
            }
            // only ASCII from the alphabet and '=' are written
            f.write_str(std::str::from_utf8(&out[..len]).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl FromStr for Digest {
    type Err = DigestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DigestError { text: s.to_string() };
        let bytes = s.as_bytes();
        if bytes.len() != 64 {
            return Err(err());
        }
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks(2).enumerate() {
            let hi = (pair[0] as char).to_digit(16).ok_or_else(err)?;
            let lo = (pair[1] as char).to_digit(16).ok_or_else(err)?;
            out[i] = u8::try_from(hi * 16 + lo).map_err(|_| err())?;
        }
        Ok(Digest(out))
    }
}

impl TryFrom<String> for Digest {
    type Error = DigestError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Digest> for String {
    fn from(d: Digest) -> String {
        d.to_hex()
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hex().as_str())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({})", self.hex().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_rfc_4648_test_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        // across the 192-byte pieces the formatter is fed in
        let long: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        let pieces: String = long.chunks(3).map(base64).collect();
        assert_eq!(base64(&long), pieces);
    }

    #[test]
    fn hex_round_trips_and_bad_hex_is_refused() {
        let d = Digest::of(b"segnatura");
        assert_eq!(d.to_hex().parse::<Digest>(), Ok(d));
        assert!("zz".repeat(32).parse::<Digest>().is_err());
        assert!("ab".parse::<Digest>().is_err());
    }

    #[test]
    fn serializes_as_hex_and_reads_back() {
        let d = Digest::of(b"abc");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{}\"", d.to_hex()));
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Digest>("\"abc\"").is_err());
    }

    #[test]
    fn the_writer_hashes_what_serde_json_writes() {
        let value = ("dossier", 7, vec!["a", "b\"c"]);
        let mut w = DigestWriter::new();
        serde_json::to_writer(&mut w, &value).unwrap();
        assert_eq!(w.finish(), Digest::of(&serde_json::to_vec(&value).unwrap()));
    }

    #[test]
    fn the_writer_gives_the_digest_of_its_input_however_it_is_cut() {
        let input: Vec<u8> = (0..3000u32).map(|i| (i * 31 + 7) as u8).collect();
        for cut in [1, 7, 63, 64, 511, 512, 513, 1500, 3000] {
            let mut w = DigestWriter::new();
            for piece in input.chunks(cut) {
                w.update(piece);
            }
            assert_eq!(w.finish(), Digest::of(&input), "pieces of {cut}");
        }
        assert_eq!(DigestWriter::new().finish(), Digest::of(b""));
    }

    #[test]
    fn parts_are_fed_in_order() {
        assert_eq!(Digest::of_parts(&[b"ab", b"c"]), Digest::of(b"abc"));
    }
}
