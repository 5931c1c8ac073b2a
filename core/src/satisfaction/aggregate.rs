//! Aggregates per service, chamber, channel or month: count, mean, distribution, satisfied share
//! with its 95% Wilson interval, the most cited difficulties.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::error::SatisfactionError;
use super::rating::{Answer, Branch, Face, Rating, Score};

/// The normal quantile of a two-sided 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval of a proportion `successes / n` at quantile `z` (no continuity
/// correction): `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`, clamped to `[0, 1]`.
///
/// Wilson (1927); the form of Newcombe (1998), method 3. With no observations the interval is the
/// whole `[0, 1]`.
///
/// ```
/// use sportello::satisfaction::{wilson_interval, Z_95};
/// let (low, high) = wilson_interval(81, 263, Z_95); // Newcombe 1998, table I: 0.2553-0.3662
/// assert_eq!((format!("{low:.4}"), format!("{high:.4}")), ("0.2553".into(), "0.3662".into()));
/// ```
pub fn wilson_interval(successes: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n_f = n as f64;
    let p = successes.min(n) as f64 / n_f;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n_f;
    let centre = p + z2 / (2.0 * n_f);
    let spread = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt();
    let low = if successes == 0 { 0.0 } else { ((centre - spread) / denominator).max(0.0) };
    let high = if successes >= n { 1.0 } else { ((centre + spread) / denominator).min(1.0) };
    (low, high)
}

/// What the ratings are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// By service identifier.
    Service,
    /// By chamber code.
    Chamber,
    /// By channel (`web`, `app`, `counter`, `phone`).
    Channel,
    /// By calendar month of the rating (`2026-03`).
    Month,
    /// All ratings in one group (`all`).
    Overall,
}

impl Grouping {
    /// Every grouping.
    pub const ALL: [Grouping; 5] =
        [Grouping::Service, Grouping::Chamber, Grouping::Channel, Grouping::Month, Grouping::Overall];

    /// The name (`service`, `chamber`, `channel`, `month`, `overall`).
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Service => "service",
            Grouping::Chamber => "chamber",
            Grouping::Channel => "channel",
            Grouping::Month => "month",
            Grouping::Overall => "overall",
        }
    }

    fn key(self, r: &Rating) -> String {
        let c = r.context();
        match self {
            Grouping::Service => c.service.clone(),
            Grouping::Chamber => c.chamber.to_string(),
            Grouping::Channel => c.channel.to_string(),
            Grouping::Month => format!("{:04}-{:02}", c.on.year(), c.on.month()),
            Grouping::Overall => "all".into(),
        }
    }
}

impl fmt::Display for Grouping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Grouping {
    type Err = SatisfactionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Grouping::ALL
            .into_iter()
            .find(|g| g.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| SatisfactionError::UnknownGrouping { text: s.to_string() })
    }
}

/// How many ratings gave each face.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceCounts {
    /// Green (positive).
    pub green: u64,
    /// Yellow (neutral).
    pub yellow: u64,
    /// Red (negative).
    pub red: u64,
}

/// A difficulty and how many ratings cited it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DifficultyCount {
    /// The difficulty (an answer of the 1-3 stars branch).
    pub answer: Answer,
    /// Ratings that cited it.
    pub count: u64,
}

/// The figures of one group of ratings. Contains no personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// What the group is (a service id, a chamber code, a channel, a month, or `all`).
    pub key: String,
    /// Ratings in the group (stars and faces).
    pub count: u64,
    /// Ratings with stars.
    pub star_count: u64,
    /// Mean stars, over the ratings with stars; `None` if there are none.
    pub mean: Option<f64>,
    /// Ratings with 1, 2, 3, 4 and 5 stars.
    pub distribution: [u64; 5],
    /// Ratings with each face.
    pub faces: FaceCounts,
    /// Satisfied ratings: 4-5 stars or the green face.
    pub satisfied: u64,
    /// `satisfied / count`.
    pub satisfied_share: f64,
    /// Lower end of the 95% Wilson interval of the satisfied share.
    pub wilson_low: f64,
    /// Upper end of the 95% Wilson interval of the satisfied share.
    pub wilson_high: f64,
    /// Difficulties cited, most cited first (ties in the questionnaire's order); only those cited.
    pub top_difficulties: Vec<DifficultyCount>,
}

#[derive(Default)]
struct Tally {
    count: u64,
    stars_sum: u64,
    distribution: [u64; 5],
    faces: FaceCounts,
    satisfied: u64,
    difficulties: [u64; 5],
}

pub(crate) fn aggregate<'a>(ratings: impl Iterator<Item = &'a Rating>, by: Grouping) -> Vec<Aggregate> {
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let difficulty_list = Branch::Difficulties.answers();
    for r in ratings {
        let t = groups.entry(by.key(r)).or_default();
        t.count += 1;
        match r.score() {
            Score::Stars(s) => {
                t.stars_sum += u64::from(s.get());
                t.distribution[usize::from(s.get() - 1)] += 1;
            }
            Score::Face(Face::Green) => t.faces.green += 1,
            Score::Face(Face::Yellow) => t.faces.yellow += 1,
            Score::Face(Face::Red) => t.faces.red += 1,
        }
        if r.score().is_satisfied() {
            t.satisfied += 1;
        }
        for a in r.answers() {
            if let Some(i) = difficulty_list.iter().position(|d| d == a) {
                t.difficulties[i] += 1;
            }
        }
    }
    groups.into_iter().map(|(key, t)| finish(key, t, &difficulty_list)).collect()
}

fn finish(key: String, t: Tally, difficulty_list: &[Answer; 5]) -> Aggregate {
    let star_count: u64 = t.distribution.iter().sum();
    let mean = (star_count > 0).then(|| t.stars_sum as f64 / star_count as f64);
    let (wilson_low, wilson_high) = wilson_interval(t.satisfied, t.count, Z_95);
    let mut top: Vec<DifficultyCount> = difficulty_list
        .iter()
        .zip(t.difficulties)
        .filter(|(_, n)| *n > 0)
        .map(|(a, count)| DifficultyCount { answer: *a, count })
        .collect();
    top.sort_by_key(|d| std::cmp::Reverse(d.count)); // stable: ties keep the questionnaire order
    Aggregate {
        key,
        count: t.count,
        star_count,
        mean,
        distribution: t.distribution,
        faces: t.faces,
        satisfied: t.satisfied,
        satisfied_share: if t.count == 0 { 0.0 } else { t.satisfied as f64 / t.count as f64 },
        wilson_low,
        wilson_high,
        top_difficulties: top,
    }
}
