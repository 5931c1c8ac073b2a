//! Chapter: a month of ratings, aggregated and published.

use chrono::NaiveDate;
use sportello::satisfaction::{
    Answer, Branch, Channel, Face, Grouping, Period, Rating, RatingContext, SatisfactionSurvey, Score, Stars,
    QUESTION,
};

/// A month of ratings at three chambers, from a fixed pattern (the same every run).
fn march_2026() -> SatisfactionSurvey {
    let services = ["diritto-annuale", "accesso-atti", "reclami"];
    let chambers = ["MI", "BG", "BS"];
    let channels = [Channel::Online, Channel::Online, Channel::App, Channel::Online];
    let stars = [5u8, 4, 5, 3, 4, 2, 5, 4, 1, 5, 4, 4, 3, 5, 2];
    let mut survey = SatisfactionSurvey::new();
    let mut seed = 2026u64;
    for i in 0..90u32 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let pick = (seed >> 33) as usize;
        let Some(on) = NaiveDate::from_ymd_opt(2026, 3, 1 + i % 31) else { continue };
        let ctx = RatingContext {
            dossier: format!("2026-{i:05}"),
            user: format!("user-{}", pick % 70),
            service: services[pick % 3].into(),
            chamber: match chambers[(pick / 3) % 3].parse() {
                Ok(c) => c,
                Err(_) => continue,
            },
            channel: channels[(pick / 9) % 4],
            on,
        };
        let n = stars[(seed >> 45) as usize % stars.len()];
        let Ok(s) = Stars::try_from(n) else { continue };
        let answers: Vec<Answer> =
            s.branch().answers().into_iter().skip(pick % 4).take(1 + pick % 2).collect();
        if let Ok(r) = Rating::new(ctx, Score::Stars(s), answers, String::new()) {
            let _ = survey.record(r);
        }
    }
    for (i, face) in [Face::Green, Face::Green, Face::Yellow, Face::Green, Face::Red].into_iter().enumerate()
    {
        let Some(on) = NaiveDate::from_ymd_opt(2026, 3, 10 + i as u32) else { continue };
        let Ok(chamber) = "MI".parse() else { continue };
        let ctx = RatingContext {
            dossier: format!("desk-{i}"),
            user: format!("visitor-{i}"),
            service: "diritto-annuale".into(),
            chamber,
            channel: Channel::Counter,
            on,
        };
        if let Ok(r) = Rating::new(ctx, Score::Face(face), vec![], String::new()) {
            let _ = survey.record(r);
        }
    }
    survey
}

pub fn run() {
    println!("== Satisfaction: \"{QUESTION}\" ==");
    println!(
        "  1-3 stars -> \"{}\"; 4-5 stars -> \"{}\"",
        Branch::Difficulties.question_it(),
        Branch::Strengths.question_it()
    );
    let survey = march_2026();
    println!("  {} ratings in March 2026 (stars on the web and app, faces at the Milan desk)", survey.len());
    if let Some(first) = survey.ratings().first() {
        let again = Rating::new(first.context().clone(), first.score(), vec![], String::new());
        if let Ok(again) = again {
            match survey.clone().record(again) {
                Err(e) => println!("  rating the same dossier twice: {e}"),
                Ok(()) => println!("  (unexpected: a second rating was accepted)"),
            }
        }
    }
    let period = Period::new(NaiveDate::from_ymd_opt(2026, 3, 1), NaiveDate::from_ymd_opt(2026, 3, 31));
    let Ok(period) = period else { return };
    println!(
        "\n  {:<16} {:>7} {:>6} {:>10} {:>17}  most cited difficulty",
        "service", "ratings", "mean", "satisfied", "95% Wilson"
    );
    for a in survey.aggregate(Grouping::Service, period) {
        let top = a.top_difficulties.first().map(|d| format!("{} ({})", d.answer.text_it(), d.count));
        println!(
            "  {:<16} {:>7} {:>6} {:>9.1}% {:>7.1}% – {:>5.1}%  {}",
            a.key,
            a.count,
            a.mean.map(|m| format!("{m:.2}")).unwrap_or_else(|| "—".into()),
            a.satisfied_share * 100.0,
            a.wilson_low * 100.0,
            a.wilson_high * 100.0,
            top.unwrap_or_else(|| "—".into())
        );
    }
    let report = survey.publication_report(period, 5);
    println!("\n  The publication report by chamber (aggregates only; groups under 5 ratings withheld):\n");
    let md = report.to_markdown();
    let mut printing = false;
    for line in md.lines() {
        if line.starts_with("### ") {
            printing = line == "### By chamber";
        }
        if printing {
            println!("     {line}");
        }
    }
    println!();
}
