//! The publication report for the transparency section ("Amministrazione trasparente").
//!
//! CAD art. 7 c.3: administrations let users express their satisfaction with online services and
//! "pubblicano sui propri siti i dati risultanti". The report carries aggregates only: no user
//! identifier, no dossier identifier, no free comment (comments may hold personal data).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::aggregate::{Aggregate, Grouping};
use super::rating::QUESTION;
use super::survey::{Period, SatisfactionSurvey};

/// The group size below which [`SatisfactionSurvey::publication_report`] withholds a group
/// unless the publisher chooses another: 3.
///
/// The report publishes aggregates only (CAD art. 7 c.3), but a group of one or two ratings lets
/// a reader who knows who used a service on a day single out that user's answer. The threshold
/// is the one Italian official statistics apply to published aggregates: "si considerano dati
/// aggregati le combinazioni di modalità alle quali è associata una frequenza non inferiore a una
/// soglia prestabilita ... Il valore minimo attribuibile alla soglia e' pari a tre" (Regole
/// deontologiche per trattamenti a fini statistici o di ricerca scientifica effettuati
/// nell'ambito del Sistema statistico nazionale, Garante provv. 19.12.2018, GU n. 11 of
/// 14.1.2019, allegato 1, art. 5 c.1 lett. a). A chamber may choose a larger one; 1 publishes
/// every group.
pub const DEFAULT_MIN_GROUP_SIZE: u64 = 3;

/// Aggregates of a period by service, chamber, channel and month, ready to publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationReport {
    /// The period covered.
    pub period: Period,
    /// The question asked.
    pub question: String,
    /// Groups with fewer ratings than this are withheld.
    pub min_group_size: u64,
    /// All ratings of the period.
    pub overall: Aggregate,
    /// One aggregate per service.
    pub by_service: Vec<Aggregate>,
    /// One aggregate per chamber.
    pub by_chamber: Vec<Aggregate>,
    /// One aggregate per channel.
    pub by_channel: Vec<Aggregate>,
    /// One aggregate per month.
    pub by_month: Vec<Aggregate>,
    /// How many groups were withheld for having fewer than `min_group_size` ratings.
    pub withheld_groups: u64,
}

impl PublicationReport {
    pub(crate) fn build(survey: &SatisfactionSurvey, period: Period, min_group_size: u64) -> Self {
        let mut withheld = 0u64;
        let mut groups = |by: Grouping| {
            let all = survey.aggregate(by, period);
            let before = all.len();
            let kept: Vec<Aggregate> = all.into_iter().filter(|a| a.count >= min_group_size).collect();
            withheld += (before - kept.len()) as u64;
            kept
        };
        let by_service = groups(Grouping::Service);
        let by_chamber = groups(Grouping::Chamber);
        let by_channel = groups(Grouping::Channel);
        let by_month = groups(Grouping::Month);
        let overall =
            survey.aggregate(Grouping::Overall, period).into_iter().next().unwrap_or_else(|| empty("all"));
        PublicationReport {
            period,
            question: QUESTION.into(),
            min_group_size,
            overall,
            by_service,
            by_chamber,
            by_channel,
            by_month,
            withheld_groups: withheld,
        }
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as Markdown tables.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## User satisfaction: \"{}\"\n", self.question);
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
        let _ = writeln!(
            out,
            "Period: {} – {}. Satisfied: 4-5 stars or the green face; 95% Wilson interval. \
             User identities and free comments are not published.\n",
            day(self.period.start()).unwrap_or_else(|| "start".into()),
            day(self.period.end()).unwrap_or_else(|| "today".into())
        );
        for (title, rows) in [
            ("Overall", std::slice::from_ref(&self.overall)),
            ("By service", &self.by_service[..]),
            ("By chamber", &self.by_chamber[..]),
            ("By channel", &self.by_channel[..]),
            ("By month", &self.by_month[..]),
        ] {
            let _ = writeln!(out, "### {title}\n");
            out.push_str(
                "| group | ratings | mean stars | 1★ | 2★ | 3★ | 4★ | 5★ | faces green/yellow/red | satisfied | 95% interval | most cited difficulties |\n",
            );
            out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|\n");
            for a in rows {
                let d = a.distribution;
                let top: Vec<String> = a
                    .top_difficulties
                    .iter()
                    .take(3)
                    .map(|t| format!("{} ({})", t.answer.text_it(), t.count))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {}/{}/{} | {} | {} – {} | {} |",
                    a.key.replace('|', "\\|"),
                    a.count,
                    a.mean.map(|m| it_number(m, 2)).unwrap_or_else(|| "—".into()),
                    d[0],
                    d[1],
                    d[2],
                    d[3],
                    d[4],
                    a.faces.green,
                    a.faces.yellow,
                    a.faces.red,
                    percent(a.satisfied_share),
                    percent(a.wilson_low),
                    percent(a.wilson_high),
                    if top.is_empty() { "—".into() } else { top.join("; ") }
                );
            }
            out.push('\n');
        }
        if self.withheld_groups > 0 {
            let _ = writeln!(
                out,
                "{} groups with fewer than {} ratings are not shown.",
                self.withheld_groups, self.min_group_size
            );
        }
        out
    }
}

fn empty(key: &str) -> Aggregate {
    Aggregate {
        key: key.into(),
        count: 0,
        star_count: 0,
        mean: None,
        distribution: [0; 5],
        faces: Default::default(),
        satisfied: 0,
        satisfied_share: 0.0,
        wilson_low: 0.0,
        wilson_high: 1.0,
        top_difficulties: Vec::new(),
    }
}

fn it_number(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}").replace('.', ",")
}

fn percent(share: f64) -> String {
    format!("{} %", it_number(share * 100.0, 1))
}
