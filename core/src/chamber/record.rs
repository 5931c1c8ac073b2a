//! One chamber: its identity, provinces, seats, period of activity and links to the chambers it
//! came from or merged into.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ChamberCode, ProvinceCode};
use crate::calendar::{Calendar, CalendarError, PatronDay, PatronSaints, SaturdayRule, TermPolicy};

/// A seat of a chamber: the main seat (*sede legale*) or a secondary seat (*sede secondaria*).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Seat {
    /// The city.
    pub city: String,
    /// The province of the city.
    pub province: ProvinceCode,
    /// The patron day of the city when it is not the one of the province capital in
    /// [`PatronSaints`] (a seat outside a capital). `None`: the capital's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patron: Option<PatronDay>,
}

/// The look of a chamber in the counter (optional; filled by the chamber, never guessed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Branding {
    /// Where the logo is (a URL or an asset name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Colours, as CSS hex strings (`"#003366"`), most important first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colours: Vec<String>,
}

/// The calendar settings a chamber chooses (see [`crate::calendar::SaturdayRule`] for why the
/// Saturday rule is a choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct CalendarSettings {
    /// What a Saturday deadline does (default: it stays, Saturday is a working day).
    #[serde(default)]
    pub saturday: SaturdayRule,
    /// Whether the offices are closed on Saturdays (default: no).
    #[serde(default)]
    pub office_closed_on_saturday: bool,
}

/// A chamber of commerce (CCIAA) over its life.
///
/// Fees, surcharges and active services are kept by their own areas, keyed by [`ChamberCode`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Chamber {
    /// The short code (the province sigla for a one-province chamber: `"MI"`; `"MIMBLO"`).
    pub code: ChamberCode,
    /// The name for display.
    pub name: String,
    /// The region (`"Lombardia"`).
    pub region: String,
    /// The provinces it serves (its *circoscrizione*).
    pub provinces: Vec<ProvinceCode>,
    /// The main seat.
    pub seat: Seat,
    /// The secondary seats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_seats: Vec<Seat>,
    /// First day of activity; `None`: before the data starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day of activity; `None`: still active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// The chambers merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<ChamberCode>,
    /// The chamber this one merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<ChamberCode>,
    /// The code in the IPA index (*Indice delle Pubbliche Amministrazioni*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipa_code: Option<String>,
    /// The code of the protocol office (*Area Organizzativa Omogenea*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aoo_code: Option<String>,
    /// The institutional PEC address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pec: Option<String>,
    /// Logo and colours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
    /// Saturday rules.
    #[serde(default)]
    pub calendar: CalendarSettings,
}

impl Chamber {
    /// Whether the chamber was active on `on`.
    pub fn is_active_on(&self, on: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= on) && self.valid_to.is_none_or(|t| on <= t)
    }

    /// Whether the chamber serves `province` (on the days it is active).
    pub fn serves(&self, province: &ProvinceCode) -> bool {
        self.provinces.contains(province)
    }

    /// Every seat, the main one first.
    pub fn seats(&self) -> impl Iterator<Item = &Seat> {
        std::iter::once(&self.seat).chain(self.secondary_seats.iter())
    }

    /// The office calendar of `seat`: its city's patron day (from the seat, else from `patrons`)
    /// and the chamber's Saturday settings.
    pub fn calendar_for_seat(&self, seat: &Seat, patrons: &PatronSaints) -> Result<Calendar, CalendarError> {
        let patron = match &seat.patron {
            Some(p) => p.clone(),
            None => patrons.for_province(&seat.province)?.clone(),
        };
        Ok(Calendar::national()
            .with_patron(Some(patron))
            .with_policy(TermPolicy { saturday: self.calendar.saturday })
            .with_office_closed_on_saturday(self.calendar.office_closed_on_saturday))
    }

    /// The office calendar of the main seat.
    pub fn office_calendar(&self, patrons: &PatronSaints) -> Result<Calendar, CalendarError> {
        self.calendar_for_seat(&self.seat, patrons)
    }
}
