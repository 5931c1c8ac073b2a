//! Italian provinces by their two-letter sigla.

/// The two-letter siglas of the Italian provinces and metropolitan cities (vehicle-plate codes, as
/// used by the REA and by FatturaPA `ProvinciaType`), including `SU` (Sud Sardegna).
pub const PROVINCE_SIGLAS: [&str; 107] = [
    "AG", "AL", "AN", "AO", "AP", "AQ", "AR", "AT", "AV", "BA", "BG", "BI", "BL", "BN", "BO", "BR", "BS",
    "BT", "BZ", "CA", "CB", "CE", "CH", "CL", "CN", "CO", "CR", "CS", "CT", "CZ", "EN", "FC", "FE", "FG",
    "FI", "FM", "FR", "GE", "GO", "GR", "IM", "IS", "KR", "LC", "LE", "LI", "LO", "LT", "LU", "MB", "MC",
    "ME", "MI", "MN", "MO", "MS", "MT", "NA", "NO", "NU", "OR", "PA", "PC", "PD", "PE", "PG", "PI", "PN",
    "PO", "PR", "PT", "PU", "PV", "PZ", "RA", "RC", "RE", "RG", "RI", "RM", "RN", "RO", "SA", "SI", "SO",
    "SP", "SR", "SS", "SU", "SV", "TA", "TE", "TN", "TO", "TP", "TR", "TS", "TV", "UD", "VA", "VB", "VC",
    "VE", "VI", "VR", "VT", "VV",
];

pub use crate::chamber::ProvinceCode;

/// Whether `p` is one of the Italian provinces ([`PROVINCE_SIGLAS`]): [`ProvinceCode`] checks
/// only the shape, registry records must name a province that exists.
///
/// ```
/// use sportello::chamber::ProvinceCode;
/// use sportello::registry::is_italian_province;
/// assert!(is_italian_province("MB".parse::<ProvinceCode>()?));
/// assert!(!is_italian_province("XX".parse::<ProvinceCode>()?));
/// # Ok::<(), sportello::chamber::ProvinceCodeError>(())
/// ```
pub fn is_italian_province(p: ProvinceCode) -> bool {
    PROVINCE_SIGLAS.contains(&p.as_str())
}
