//! Python surface of `sportello::satisfaction`: the survey, aggregates, the publication report.

use std::collections::BTreeMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use sportello::satisfaction as core;

use crate::convert::date_arg;
use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    SatisfactionError,
    SportelloError,
    "A rating or a query that breaks a rule of the questionnaire (`rule`, `field`)."
);
pyo3::create_exception!(
    sportello,
    AlreadyRated,
    SatisfactionError,
    "The user has already rated this dossier (`dossier`): one rating per dossier per user."
);

fn to_py(py: Python<'_>, e: core::SatisfactionError) -> PyErr {
    let (rule, field) = (e.rule(), e.field());
    if let core::SatisfactionError::AlreadyRated { dossier } = &e {
        let dossier = dossier.clone();
        return new_error::<AlreadyRated>(py, e.to_string(), |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)?;
            x.setattr("dossier", dossier)
        });
    }
    new_error::<SatisfactionError>(py, e.to_string(), |x| {
        x.setattr("rule", rule)?;
        x.setattr("field", field)
    })
}

fn period(
    py: Python<'_>,
    start: Option<&Bound<'_, PyAny>>,
    end: Option<&Bound<'_, PyAny>>,
) -> PyResult<core::Period> {
    let start = start.filter(|s| !s.is_none()).map(|s| date_arg(s, "start")).transpose()?;
    let end = end.filter(|s| !s.is_none()).map(|s| date_arg(s, "end")).transpose()?;
    core::Period::new(start, end).map_err(|e| to_py(py, e))
}

/// The figures of one group of ratings (no personal data).
#[pyclass(module = "sportello", frozen)]
pub struct SatisfactionAggregate {
    inner: core::Aggregate,
}

#[pymethods]
impl SatisfactionAggregate {
    /// The group: a service id, a chamber code, a channel, a month (``2026-03``) or ``all``.
    #[getter]
    fn key(&self) -> String {
        self.inner.key.clone()
    }

    /// Ratings in the group (stars and faces).
    #[getter]
    fn count(&self) -> u64 {
        self.inner.count
    }

    /// Ratings with stars.
    #[getter]
    fn star_count(&self) -> u64 {
        self.inner.star_count
    }

    /// Mean stars over the ratings with stars, or None.
    #[getter]
    fn mean(&self) -> Option<f64> {
        self.inner.mean
    }

    /// Ratings per number of stars, 1 to 5.
    #[getter]
    fn distribution(&self) -> BTreeMap<u8, u64> {
        (1u8..=5).zip(self.inner.distribution).collect()
    }

    /// Ratings per face (``green``, ``yellow``, ``red``).
    #[getter]
    fn faces(&self) -> BTreeMap<&'static str, u64> {
        let f = self.inner.faces;
        BTreeMap::from([("green", f.green), ("yellow", f.yellow), ("red", f.red)])
    }

    /// Satisfied ratings: 4-5 stars or the green face.
    #[getter]
    fn satisfied(&self) -> u64 {
        self.inner.satisfied
    }

    /// Satisfied ratings over all ratings.
    #[getter]
    fn satisfied_share(&self) -> f64 {
        self.inner.satisfied_share
    }

    /// Lower end of the 95% Wilson interval of the satisfied share.
    #[getter]
    fn wilson_low(&self) -> f64 {
        self.inner.wilson_low
    }

    /// Upper end of the 95% Wilson interval of the satisfied share.
    #[getter]
    fn wilson_high(&self) -> f64 {
        self.inner.wilson_high
    }

    /// Difficulties cited, most cited first: ``(code, count)``.
    #[getter]
    fn top_difficulties(&self) -> Vec<(&'static str, u64)> {
        self.inner.top_difficulties.iter().map(|d| (d.answer.code(), d.count)).collect()
    }

    fn __repr__(&self) -> String {
        let mean = self.inner.mean.map(|m| format!("{m:.2}")).unwrap_or_else(|| "None".into());
        format!(
            "SatisfactionAggregate(key={:?}, count={}, mean={}, satisfied_share={:.3})",
            self.inner.key, self.inner.count, mean, self.inner.satisfied_share
        )
    }
}

/// Aggregates of a period by service, chamber, channel and month, ready to publish.
#[pyclass(module = "sportello", frozen)]
pub struct PublicationReport {
    inner: core::PublicationReport,
}

fn wrap(v: &[core::Aggregate]) -> Vec<SatisfactionAggregate> {
    v.iter().cloned().map(|inner| SatisfactionAggregate { inner }).collect()
}

#[pymethods]
impl PublicationReport {
    /// All ratings of the period.
    #[getter]
    fn overall(&self) -> SatisfactionAggregate {
        SatisfactionAggregate { inner: self.inner.overall.clone() }
    }

    /// One aggregate per service.
    #[getter]
    fn by_service(&self) -> Vec<SatisfactionAggregate> {
        wrap(&self.inner.by_service)
    }

    /// One aggregate per chamber.
    #[getter]
    fn by_chamber(&self) -> Vec<SatisfactionAggregate> {
        wrap(&self.inner.by_chamber)
    }

    /// One aggregate per channel.
    #[getter]
    fn by_channel(&self) -> Vec<SatisfactionAggregate> {
        wrap(&self.inner.by_channel)
    }

    /// One aggregate per month.
    #[getter]
    fn by_month(&self) -> Vec<SatisfactionAggregate> {
        wrap(&self.inner.by_month)
    }

    /// Groups withheld for having fewer than ``min_group_size`` ratings.
    #[getter]
    fn withheld_groups(&self) -> u64 {
        self.inner.withheld_groups
    }

    /// The report as JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report as Markdown tables.
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    fn __repr__(&self) -> String {
        format!(
            "PublicationReport(ratings={}, services={}, chambers={})",
            self.inner.overall.count,
            self.inner.by_service.len(),
            self.inner.by_chamber.len()
        )
    }
}

/// The ratings collected: one per dossier per user.
#[pyclass(module = "sportello", frozen)]
pub struct SatisfactionSurvey {
    inner: Mutex<core::SatisfactionSurvey>,
}

impl SatisfactionSurvey {
    fn with<T>(&self, f: impl FnOnce(&mut core::SatisfactionSurvey) -> T) -> T {
        let mut guard = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

#[allow(clippy::too_many_arguments)]
fn context(
    py: Python<'_>,
    dossier_id: String,
    user: String,
    service: String,
    chamber: &str,
    channel: &str,
    on: &Bound<'_, PyAny>,
) -> PyResult<core::RatingContext> {
    let chamber = chamber.parse().map_err(|e: sportello::chamber::ChamberCodeError| {
        new_error::<SatisfactionError>(py, e.to_string(), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", "chamber")
        })
    })?;
    let channel = core::parse_channel(channel).map_err(|e| to_py(py, e))?;
    Ok(core::RatingContext { dossier: dossier_id, user, service, chamber, channel, on: date_arg(on, "on")? })
}

#[pymethods]
impl SatisfactionSurvey {
    #[new]
    fn new() -> Self {
        SatisfactionSurvey { inner: Mutex::new(core::SatisfactionSurvey::new()) }
    }

    /// Records a Designers Italia rating: 1-5 stars, the follow-up answer codes of the branch
    /// (1-3: difficulties, 4-5: strengths) and a comment of at most 200 characters. Raises
    /// AlreadyRated if the user has already rated the dossier.
    #[pyo3(signature = (dossier_id, user, service, chamber, channel, on, stars, answers = Vec::new(), comment = String::new()))]
    #[pyo3(
        text_signature = "(self, /, dossier_id, user, service, chamber, channel, on, stars, answers=(), comment='')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        py: Python<'_>,
        dossier_id: String,
        user: String,
        service: String,
        chamber: &str,
        channel: &str,
        on: &Bound<'_, PyAny>,
        stars: i64,
        answers: Vec<String>,
        comment: String,
    ) -> PyResult<()> {
        let ctx = context(py, dossier_id, user, service, chamber, channel, on)?;
        let stars = core::Stars::try_from(stars).map_err(|e| to_py(py, e))?;
        let answers = answers
            .iter()
            .map(|a| a.parse::<core::Answer>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| to_py(py, e))?;
        let rating =
            core::Rating::new(ctx, core::Score::Stars(stars), answers, comment).map_err(|e| to_py(py, e))?;
        self.with(|s| s.record(rating)).map_err(|e| to_py(py, e))
    }

    /// Records a "Mettiamoci la faccia" rating: ``green``, ``yellow`` or ``red``, with an optional
    /// comment. Raises AlreadyRated if the user has already rated the dossier.
    #[pyo3(signature = (dossier_id, user, service, chamber, channel, on, face, comment = String::new()))]
    #[pyo3(text_signature = "(self, /, dossier_id, user, service, chamber, channel, on, face, comment='')")]
    #[allow(clippy::too_many_arguments)]
    fn record_face(
        &self,
        py: Python<'_>,
        dossier_id: String,
        user: String,
        service: String,
        chamber: &str,
        channel: &str,
        on: &Bound<'_, PyAny>,
        face: &str,
        comment: String,
    ) -> PyResult<()> {
        let ctx = context(py, dossier_id, user, service, chamber, channel, on)?;
        let face = face.parse().map_err(|e| to_py(py, e))?;
        let rating =
            core::Rating::new(ctx, core::Score::Face(face), Vec::new(), comment).map_err(|e| to_py(py, e))?;
        self.with(|s| s.record(rating)).map_err(|e| to_py(py, e))
    }

    /// Whether a user has already rated a dossier.
    fn has_rated(&self, dossier_id: &str, user: &str) -> bool {
        self.with(|s| s.has_rated(dossier_id, user))
    }

    /// Aggregates by ``service``, ``chamber``, ``channel``, ``month`` or ``overall`` over the days
    /// from ``start`` to ``end`` (both included, None for no limit), sorted by key.
    #[pyo3(signature = (by = "service", start = None, end = None))]
    fn aggregate(
        &self,
        py: Python<'_>,
        by: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<SatisfactionAggregate>> {
        let by: core::Grouping = by.parse().map_err(|e| to_py(py, e))?;
        let p = period(py, start, end)?;
        Ok(self
            .with(|s| s.aggregate(by, p))
            .into_iter()
            .map(|inner| SatisfactionAggregate { inner })
            .collect())
    }

    /// The report for the transparency section: aggregates only, no personal data; groups with
    /// fewer than ``min_group_size`` ratings are withheld (default ``DEFAULT_MIN_GROUP_SIZE``).
    #[pyo3(signature = (start = None, end = None, min_group_size = core::DEFAULT_MIN_GROUP_SIZE))]
    // The text signature spells DEFAULT_MIN_GROUP_SIZE out; test_signatures.py holds them equal.
    #[pyo3(text_signature = "(self, /, start=None, end=None, min_group_size=3)")]
    fn publication_report(
        &self,
        py: Python<'_>,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
        min_group_size: u64,
    ) -> PyResult<PublicationReport> {
        let p = period(py, start, end)?;
        Ok(PublicationReport { inner: self.with(|s| s.publication_report(p, min_group_size)) })
    }

    /// The survey as JSON (holds personal data: keep it private).
    fn to_json(&self) -> String {
        self.with(|s| s.to_json())
    }

    /// Reads a survey back from :meth:`to_json`.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        core::SatisfactionSurvey::from_json(text)
            .map(|s| SatisfactionSurvey { inner: Mutex::new(s) })
            .map_err(|e| to_py(py, e))
    }

    fn __len__(&self) -> usize {
        self.with(|s| s.len())
    }

    fn __repr__(&self) -> String {
        format!("SatisfactionSurvey(ratings={})", self.with(|s| s.len()))
    }
}

/// The 95% Wilson score interval of ``successes`` out of ``n``.
#[pyfunction]
fn wilson_interval(py: Python<'_>, successes: u64, n: u64) -> PyResult<(f64, f64)> {
    core::wilson_interval(successes, n, core::Z_95).map_err(|e| to_py(py, e))
}

/// The fixed Italian text of a follow-up answer code.
#[pyfunction]
fn answer_text(py: Python<'_>, code: &str) -> PyResult<&'static str> {
    code.parse::<core::Answer>().map(|a| a.text_it()).map_err(|e| to_py(py, e))
}

/// The answer codes of a branch, in the questionnaire's order: ``difficulties`` (1-3 stars) or
/// ``strengths`` (4-5 stars).
#[pyfunction]
fn answer_codes(py: Python<'_>, branch: &str) -> PyResult<Vec<&'static str>> {
    let b: core::Branch = branch.parse().map_err(|e| to_py(py, e))?;
    Ok(b.answers().iter().map(|a| a.code()).collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SatisfactionError", py.get_type::<SatisfactionError>())?;
    m.add("AlreadyRated", py.get_type::<AlreadyRated>())?;
    m.add("QUESTION", core::QUESTION)?;
    m.add("DEFAULT_MIN_GROUP_SIZE", core::DEFAULT_MIN_GROUP_SIZE)?;
    m.add_class::<SatisfactionSurvey>()?;
    m.add_class::<SatisfactionAggregate>()?;
    m.add_class::<PublicationReport>()?;
    m.add_function(wrap_pyfunction!(wilson_interval, m)?)?;
    m.add_function(wrap_pyfunction!(answer_text, m)?)?;
    m.add_function(wrap_pyfunction!(answer_codes, m)?)?;
    Ok(())
}
