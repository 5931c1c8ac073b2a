//! Italian identifiers: the [`CodiceFiscale`] of persons and legal persons, and the [`PartitaIva`].
//!
//! Both types are valid by construction: the only ways to obtain one are [`CodiceFiscale::parse`] /
//! [`PartitaIva::parse`] (also through [`FromStr`](std::str::FromStr), `TryFrom<String>` and serde),
//! which check every formal rule of the Agenzia delle Entrate and report the first rule that fails
//! as a typed error ([`CodiceFiscaleError`], [`PartitaIvaError`]).
//!
//! **Lenient about presentation, strict about content.** Parsing upper-cases ASCII letters and drops
//! the separators people type or paste: ASCII whitespace (space, tab, line breaks), `.` and `-`
//! ([`is_separator`]). A partita IVA may also carry the EU VAT prefix `IT`. Nothing else is
//! forgiven: any other character, a wrong length, a wrong month letter, day or check character is
//! refused. Error positions are 1-based positions in the code *after* separators are removed,
//! i.e. the positions of the official layout.
//!
//! For bulk work, [`is_valid_codice_fiscale`] and [`is_valid_partita_iva`] apply exactly the same
//! rules without allocating (tens of millions of checks per second on one core; see
//! `benches/benches/identifiers.rs`).
//!
//! ```
//! use sportello::identifiers::{CodiceFiscale, PartitaIva, Sex};
//!
//! let cf: CodiceFiscale = "rcc mnl 83s18 d969h".parse()?;
//! assert_eq!(cf.as_str(), "RCCMNL83S18D969H");
//! assert_eq!(cf.sex(), Some(Sex::Male));
//! assert_eq!((cf.birth_day(), cf.birth_month(), cf.birth_year_2d()), (Some(18), Some(11), Some(83)));
//! assert_eq!(cf.birthplace_code().as_deref(), Some("D969"));
//!
//! let piva = PartitaIva::parse("IT 00743110157")?;
//! assert_eq!(piva.as_str(), "00743110157");
//! assert!(sportello::identifiers::is_valid_partita_iva("00743110157"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod codice_fiscale;
mod partita_iva;

pub use codice_fiscale::{
    is_valid_codice_fiscale, BirthDateError, CharClass, CodiceFiscale, CodiceFiscaleError, NumericClass, Sex,
};
pub use partita_iva::{is_valid_partita_iva, PartitaIva, PartitaIvaError};

/// Whether `c` is a separator that parsing ignores: ASCII whitespace, `.` or `-`.
///
/// ```
/// use sportello::identifiers::is_separator;
/// assert!(is_separator(' ') && is_separator('.') && is_separator('-') && is_separator('\t'));
/// assert!(!is_separator('/') && !is_separator('_') && !is_separator('\u{a0}'));
/// ```
pub const fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '.' | '-')
}

/// Byte form of [`is_separator`] for the allocation-free checks (separators are all ASCII, so no
/// byte of a multi-byte character is one). Plain comparisons, so loops over it vectorize.
#[inline(always)]
const fn is_separator_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'.' | b'-')
}

/// Copies the significant bytes of `text` into `buf`, upper-cased, skipping separators.
///
/// Returns the number of bytes copied, or `None` when there are more than `N`. Non-ASCII bytes are
/// copied as they are: no rule accepts them, so the caller's checks refuse them.
#[inline]
fn compact_into<const N: usize>(text: &str, buf: &mut [u8; N]) -> Option<usize> {
    let bytes = text.as_bytes();
    // The common case: exactly N bytes and no separator, copied in one pass.
    if bytes.len() == N {
        let mut any_separator = false;
        for (slot, &b) in buf.iter_mut().zip(bytes) {
            any_separator |= is_separator_byte(b);
            *slot = b.to_ascii_uppercase();
        }
        if !any_separator {
            return Some(N);
        }
    }
    let mut n = 0;
    for &b in bytes {
        if is_separator_byte(b) {
            continue;
        }
        let slot = buf.get_mut(n)?;
        *slot = b.to_ascii_uppercase();
        n += 1;
    }
    Some(n)
}

/// The significant characters of `text` (separators dropped, ASCII letters upper-cased), for the
/// parsing path, which reports positions and characters in its errors.
fn compact_chars(text: &str) -> Vec<char> {
    text.chars().filter(|c| !is_separator(*c)).map(|c| c.to_ascii_uppercase()).collect()
}

/// Check digit of an 11-digit number (partita IVA, numeric codice fiscale) over its first ten
/// digits, given as values 0-9: Luhn as in Sogei `controlCfNum` — odd positions added as they are,
/// even positions doubled with the digits of the product added, check `(10 - sum mod 10) mod 10`.
#[inline]
fn luhn_check_digit(digits: &[u8; 10]) -> u8 {
    const DOUBLED: [u8; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    let mut sum: u32 = 0;
    for (i, &d) in digits.iter().enumerate() {
        let d = usize::from(d % 10);
        sum += u32::from(if i % 2 == 0 { d as u8 } else { DOUBLED[d] });
    }
    ((10 - sum % 10) % 10) as u8
}

/// The provincial office codes a partita IVA (and a numeric codice fiscale of the same class) may
/// carry: 001-100, 120, 121, 888 and 999 (python-stdnum `it.iva`, Sogei `UCheckNum` class 2).
/// The meaning of 120, 121, 888 and 999 is not sourced; only their acceptance is.
#[inline]
const fn is_vat_office(office: u16) -> bool {
    matches!(office, 1..=100 | 120 | 121 | 888 | 999)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_of_the_reference_example_is_seven() {
        // identifiers-payments.md §2: 0074311015 -> 23 -> 7.
        assert_eq!(luhn_check_digit(&[0, 0, 7, 4, 3, 1, 1, 0, 1, 5]), 7);
    }

    #[test]
    fn compacting_drops_separators_and_upper_cases() {
        let mut buf = [0u8; 16];
        let n = compact_into(" rcc.mnl-83s18\td969h\n", &mut buf);
        assert_eq!(n, Some(16));
        assert_eq!(&buf, b"RCCMNL83S18D969H");
    }

    #[test]
    fn compacting_refuses_more_than_the_buffer() {
        let mut buf = [0u8; 4];
        assert_eq!(compact_into("ABCDE", &mut buf), None);
        assert_eq!(compact_into("AB-CD", &mut buf), Some(4));
    }
}
