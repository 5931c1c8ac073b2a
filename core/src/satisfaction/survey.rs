//! The store of ratings: one rating per dossier per user.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::aggregate::{aggregate, Aggregate, Grouping};
use super::error::SatisfactionError;
use super::rating::Rating;
use super::report::PublicationReport;

/// An inclusive range of days; an open end means "no limit".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl Period {
    /// Every day.
    pub const ALL: Period = Period { start: None, end: None };

    /// The days from `start` to `end`, both included; refuses a period that ends before it
    /// starts.
    pub fn new(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<Self, SatisfactionError> {
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(SatisfactionError::InvalidPeriod { start: s, end: e });
            }
        }
        Ok(Period { start, end })
    }

    /// First day, if bounded.
    pub fn start(&self) -> Option<NaiveDate> {
        self.start
    }

    /// Last day, if bounded.
    pub fn end(&self) -> Option<NaiveDate> {
        self.end
    }

    /// Whether a day falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

/// The ratings collected, in the order they were recorded.
///
/// An in-memory value that serializes (`{"ratings": [...]}`); reading it back re-checks every
/// rating and the one-rating-per-dossier-per-user rule. It holds the users' identifiers (to refuse
/// a second rating): keep it as personal data; publish only [`PublicationReport`]s.
///
/// ```
/// use sportello::satisfaction::*;
/// let mut survey = SatisfactionSurvey::new();
/// let ctx = RatingContext {
///     dossier: "MI-2026-000123".into(), user: "RSSMRA80A01F205X".into(),
///     service: "accesso-atti".into(), chamber: "MI".parse().unwrap(),
///     channel: Channel::Online, on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
/// };
/// let stars = Stars::try_from(5u8)?;
/// survey.record(Rating::new(ctx.clone(), Score::Stars(stars), vec![Answer::ClearInstructions], String::new())?)?;
/// let again = Rating::new(ctx, Score::Stars(stars), vec![], String::new())?;
/// assert!(matches!(survey.record(again), Err(SatisfactionError::AlreadyRated { .. })));
/// # Ok::<(), SatisfactionError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SurveyDocument")]
pub struct SatisfactionSurvey {
    ratings: Vec<Rating>,
    #[serde(skip)]
    rated: HashSet<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveyDocument {
    ratings: Vec<Rating>,
}

impl TryFrom<SurveyDocument> for SatisfactionSurvey {
    type Error = SatisfactionError;
    fn try_from(d: SurveyDocument) -> Result<Self, Self::Error> {
        let mut survey = SatisfactionSurvey::new();
        for r in d.ratings {
            survey.record(r)?;
        }
        Ok(survey)
    }
}

impl SatisfactionSurvey {
    /// An empty survey.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a rating; a second rating of the same dossier by the same user is refused
    /// ([`SatisfactionError::AlreadyRated`]) and leaves the survey unchanged.
    pub fn record(&mut self, rating: Rating) -> Result<(), SatisfactionError> {
        let key = (rating.context().dossier.clone(), rating.context().user.clone());
        if self.rated.contains(&key) {
            return Err(SatisfactionError::AlreadyRated { dossier: key.0 });
        }
        self.rated.insert(key);
        self.ratings.push(rating);
        Ok(())
    }

    /// Whether a user has already rated a dossier.
    pub fn has_rated(&self, dossier: &str, user: &str) -> bool {
        self.rated.contains(&(dossier.to_string(), user.to_string()))
    }

    /// The ratings, in the order recorded.
    pub fn ratings(&self) -> &[Rating] {
        &self.ratings
    }

    /// How many ratings.
    pub fn len(&self) -> usize {
        self.ratings.len()
    }

    /// Whether there are no ratings.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty()
    }

    /// Aggregates of the ratings in `period`, one per group, sorted by key.
    pub fn aggregate(&self, by: Grouping, period: Period) -> Vec<Aggregate> {
        aggregate(self.ratings.iter().filter(|r| period.contains(r.context().on)), by)
    }

    /// The report for the transparency section: aggregates only, no personal data. Groups with
    /// fewer than `min_group_size` ratings are withheld (1 publishes every group).
    pub fn publication_report(&self, period: Period, min_group_size: u64) -> PublicationReport {
        PublicationReport::build(self, period, min_group_size)
    }

    /// The survey as JSON (holds personal data: users' identifiers and comments).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a survey back from [`SatisfactionSurvey::to_json`].
    pub fn from_json(text: &str) -> Result<Self, SatisfactionError> {
        let doc: SurveyDocument = serde_json::from_str(text)
            .map_err(|e| SatisfactionError::Malformed { message: e.to_string() })?;
        SatisfactionSurvey::try_from(doc)
    }
}
