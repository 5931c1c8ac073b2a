//! Kotlin surface of `sportello::satisfaction`: the survey, aggregates, the publication report.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use sportello::satisfaction as core;
use sportello::satisfaction::{Answer, Branch, Channel, Face, Grouping};
// `Channel` is the catalogue's channel, exported to Kotlin by `crate::catalog`.

use crate::SportelloError;

impl From<core::SatisfactionError> for SportelloError {
    fn from(e: core::SatisfactionError) -> Self {
        if let core::SatisfactionError::AlreadyRated { dossier } = &e {
            return SportelloError::AlreadyRated { dossier: dossier.clone(), reason: e.to_string() };
        }
        SportelloError::InvalidRating {
            rule: e.rule().into(),
            field: e.field().into(),
            reason: e.to_string(),
        }
    }
}

/// The faces of "Mettiamoci la faccia" (mirrors `sportello::satisfaction::Face`).
#[uniffi::remote(Enum)]
pub enum Face {
    Green,
    Yellow,
    Red,
}

/// The fixed follow-up answers of the Designers Italia rating (mirrors
/// `sportello::satisfaction::Answer`): the first five after 1-3 stars, the last five after 4-5.
#[uniffi::remote(Enum)]
pub enum Answer {
    UnclearInstructions,
    IncompleteInstructions,
    UnsureOfProgress,
    TechnicalProblems,
    OtherDifficulty,
    ClearInstructions,
    CompleteInstructions,
    SureOfProgress,
    NoTechnicalProblems,
    OtherStrength,
}

/// What ratings are grouped by (mirrors `sportello::satisfaction::Grouping`).
#[uniffi::remote(Enum)]
pub enum Grouping {
    Service,
    Chamber,
    Channel,
    Month,
    Overall,
}

/// A difficulty and how many ratings cited it.
#[derive(uniffi::Record)]
pub struct DifficultyCount {
    pub answer: Answer,
    pub text: String,
    pub count: u64,
}

/// The figures of one group of ratings (no personal data). `distribution` holds the counts of
/// 1 to 5 stars.
#[derive(uniffi::Record)]
pub struct SatisfactionAggregate {
    pub key: String,
    pub count: u64,
    pub star_count: u64,
    pub mean: Option<f64>,
    pub distribution: Vec<u64>,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub satisfied: u64,
    pub satisfied_share: f64,
    pub wilson_low: f64,
    pub wilson_high: f64,
    pub top_difficulties: Vec<DifficultyCount>,
}

fn aggregate_record(a: &core::Aggregate) -> SatisfactionAggregate {
    SatisfactionAggregate {
        key: a.key.clone(),
        count: a.count,
        star_count: a.star_count,
        mean: a.mean,
        distribution: a.distribution.to_vec(),
        green: a.faces.green,
        yellow: a.faces.yellow,
        red: a.faces.red,
        satisfied: a.satisfied,
        satisfied_share: a.satisfied_share,
        wilson_low: a.wilson_low,
        wilson_high: a.wilson_high,
        top_difficulties: a
            .top_difficulties
            .iter()
            .map(|d| DifficultyCount { answer: d.answer, text: d.answer.text_it().into(), count: d.count })
            .collect(),
    }
}

/// A 95% Wilson interval.
#[derive(uniffi::Record)]
pub struct WilsonInterval {
    pub low: f64,
    pub high: f64,
}

/// Aggregates of a period by service, chamber, channel and month, ready to publish.
#[derive(uniffi::Object)]
pub struct PublicationReport {
    inner: core::PublicationReport,
}

#[uniffi::export]
impl PublicationReport {
    /// All ratings of the period.
    pub fn overall(&self) -> SatisfactionAggregate {
        aggregate_record(&self.inner.overall)
    }

    /// One aggregate per service.
    pub fn by_service(&self) -> Vec<SatisfactionAggregate> {
        self.inner.by_service.iter().map(aggregate_record).collect()
    }

    /// One aggregate per chamber.
    pub fn by_chamber(&self) -> Vec<SatisfactionAggregate> {
        self.inner.by_chamber.iter().map(aggregate_record).collect()
    }

    /// One aggregate per channel.
    pub fn by_channel(&self) -> Vec<SatisfactionAggregate> {
        self.inner.by_channel.iter().map(aggregate_record).collect()
    }

    /// One aggregate per month.
    pub fn by_month(&self) -> Vec<SatisfactionAggregate> {
        self.inner.by_month.iter().map(aggregate_record).collect()
    }

    /// Groups withheld for having too few ratings.
    pub fn withheld_groups(&self) -> u64 {
        self.inner.withheld_groups
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report as Markdown tables.
    pub fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }
}

/// The ratings collected: one per dossier per user.
#[derive(uniffi::Object)]
pub struct SatisfactionSurvey {
    inner: Mutex<core::SatisfactionSurvey>,
}

impl Default for SatisfactionSurvey {
    fn default() -> Self {
        Self::new()
    }
}

impl SatisfactionSurvey {
    fn with<T>(&self, f: impl FnOnce(&mut core::SatisfactionSurvey) -> T) -> T {
        let mut guard = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

fn context(
    dossier_id: String,
    user: String,
    service: String,
    chamber: String,
    channel: Channel,
    on: NaiveDate,
) -> Result<core::RatingContext, SportelloError> {
    let chamber =
        chamber.parse().map_err(|e: sportello::chamber::ChamberCodeError| SportelloError::InvalidRating {
            rule: e.rule().into(),
            field: "chamber".into(),
            reason: e.to_string(),
        })?;
    Ok(core::RatingContext { dossier: dossier_id, user, service, chamber, channel, on })
}

fn period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<core::Period, SportelloError> {
    Ok(core::Period::new(start, end)?)
}

#[uniffi::export]
impl SatisfactionSurvey {
    /// An empty survey.
    #[uniffi::constructor]
    pub fn new() -> Self {
        SatisfactionSurvey { inner: Mutex::new(core::SatisfactionSurvey::new()) }
    }

    /// Reads a survey back from `toJson()`.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Self, SportelloError> {
        Ok(SatisfactionSurvey { inner: Mutex::new(core::SatisfactionSurvey::from_json(&text)?) })
    }

    /// Records a Designers Italia rating (1-5 stars, answers of the branch, comment of at most
    /// 200 characters); `SportelloException.AlreadyRated` on a second rating of the dossier.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &self,
        dossier_id: String,
        user: String,
        service: String,
        chamber: String,
        channel: Channel,
        on: NaiveDate,
        stars: i32,
        answers: Vec<Answer>,
        comment: String,
    ) -> Result<(), SportelloError> {
        let ctx = context(dossier_id, user, service, chamber, channel, on)?;
        let stars = core::Stars::try_from(i64::from(stars))?;
        let rating = core::Rating::new(ctx, core::Score::Stars(stars), answers, comment)?;
        Ok(self.with(|s| s.record(rating))?)
    }

    /// Records a "Mettiamoci la faccia" rating.
    #[allow(clippy::too_many_arguments)]
    pub fn record_face(
        &self,
        dossier_id: String,
        user: String,
        service: String,
        chamber: String,
        channel: Channel,
        on: NaiveDate,
        face: Face,
        comment: String,
    ) -> Result<(), SportelloError> {
        let ctx = context(dossier_id, user, service, chamber, channel, on)?;
        let rating = core::Rating::new(ctx, core::Score::Face(face), Vec::new(), comment)?;
        Ok(self.with(|s| s.record(rating))?)
    }

    /// Whether a user has already rated a dossier.
    pub fn has_rated(&self, dossier_id: String, user: String) -> bool {
        self.with(|s| s.has_rated(&dossier_id, &user))
    }

    /// How many ratings.
    pub fn count(&self) -> u64 {
        self.with(|s| s.len() as u64)
    }

    /// Aggregates over the days from `start` to `end` (both included; null for no limit).
    pub fn aggregate(
        &self,
        by: Grouping,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) -> Result<Vec<SatisfactionAggregate>, SportelloError> {
        let p = period(start, end)?;
        Ok(self.with(|s| s.aggregate(by, p)).iter().map(aggregate_record).collect())
    }

    /// The report for the transparency section (no personal data); groups with fewer than
    /// `min_group_size` ratings are withheld (null: `defaultMinGroupSize()`, 3).
    #[uniffi::method(default(min_group_size = None))]
    pub fn publication_report(
        &self,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        min_group_size: Option<u64>,
    ) -> Result<Arc<PublicationReport>, SportelloError> {
        let p = period(start, end)?;
        let min_group_size = min_group_size.unwrap_or(core::DEFAULT_MIN_GROUP_SIZE);
        Ok(Arc::new(PublicationReport { inner: self.with(|s| s.publication_report(p, min_group_size)) }))
    }

    /// The survey as JSON (holds personal data: keep it private).
    pub fn to_json(&self) -> String {
        self.with(|s| s.to_json())
    }
}

/// The 95% Wilson score interval of `successes` out of `n`; `InvalidRating` (rule
/// `successes_range`) when `successes > n`.
#[uniffi::export]
pub fn wilson_interval(successes: u64, n: u64) -> Result<WilsonInterval, SportelloError> {
    let (low, high) = core::wilson_interval(successes, n, core::Z_95)?;
    Ok(WilsonInterval { low, high })
}

/// The smallest group the publication report shows unless chosen otherwise (3, the Sistan
/// threshold: see `sportello::satisfaction::DEFAULT_MIN_GROUP_SIZE`).
#[uniffi::export]
pub fn default_min_group_size() -> u64 {
    core::DEFAULT_MIN_GROUP_SIZE
}

/// The follow-up branches of the questionnaire (mirrors `sportello::satisfaction::Branch`).
#[uniffi::remote(Enum)]
pub enum Branch {
    Difficulties,
    Strengths,
}

/// The answers of a branch, in the questionnaire's order.
#[uniffi::export]
pub fn answer_codes(branch: Branch) -> Vec<Answer> {
    branch.answers().to_vec()
}

/// The stable code of an answer (`unclear_instructions`, ...), as stored in JSON.
#[uniffi::export]
pub fn answer_code(answer: Answer) -> String {
    answer.code().into()
}

/// The fixed Italian text of a follow-up answer.
#[uniffi::export]
pub fn answer_text(answer: Answer) -> String {
    answer.text_it().into()
}

/// The question of the service rating: "Quanto è stato facile usare questo servizio?".
#[uniffi::export]
pub fn satisfaction_question() -> String {
    core::QUESTION.into()
}
