//! Measuring user satisfaction, and publishing it.
//!
//! CAD (D.Lgs. 82/2005) art. 7 c.3 (formerly art. 63 c.2): users of online services can express
//! their satisfaction and the administration publishes the results. Two instruments:
//!
//! - the Designers Italia service rating (criterion C.SE.1.7, `valutazione-servizio.rst`):
//!   [`QUESTION`] with 1-5 [`Stars`]; 1-3 stars lead to [`QUESTION_DIFFICULTIES`], 4-5 to
//!   [`QUESTION_STRENGTHS`], each with five fixed [`Answer`]s; then a free comment of at most
//!   [`MAX_COMMENT_CHARS`] characters;
//! - "Mettiamoci la faccia" (2009): three [`Face`]s, green, yellow, red.
//!
//! A [`Rating`] refers to a dossier (or a service use), a user, a service, a chamber, a
//! [`Channel`] and a day; the [`SatisfactionSurvey`] keeps one rating per dossier per user.
//! [`SatisfactionSurvey::aggregate`] groups them by service, chamber, channel or month
//! ([`Grouping`]) over a [`Period`]: count, mean stars, distribution, share satisfied (4-5 stars
//! or the green face) with its 95% [`wilson_interval`], the most cited difficulties.
//! [`PublicationReport`] is what goes to the transparency section, without personal data.
//!
//! Open points, as in the references: whether chambers adopt the Designers Italia component
//! (UNCONFIRMED: it is a criterion for municipal sites), and the follow-up reasons of "Mettiamoci
//! la faccia" (UNCONFIRMED: so a face rating takes no answers). Whether small groups are published
//! is a choice of the publisher: [`SatisfactionSurvey::publication_report`] takes a minimum group
//! size.

mod aggregate;
mod error;
mod rating;
mod report;
mod survey;

pub use aggregate::{wilson_interval, Aggregate, DifficultyCount, FaceCounts, Grouping, Z_95};
pub use error::SatisfactionError;
pub use rating::{
    parse_channel, Answer, Branch, Channel, Face, Rating, RatingContext, Score, Stars, MAX_COMMENT_CHARS,
    MAX_ID_CHARS, QUESTION, QUESTION_DETAILS, QUESTION_DIFFICULTIES, QUESTION_STRENGTHS,
    SATISFIED_FROM_STARS,
};
pub use report::PublicationReport;
pub use survey::{Period, SatisfactionSurvey};

#[cfg(test)]
mod tests;
