use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn ctx(
    dossier: &str,
    user: &str,
    service: &str,
    chamber: &str,
    channel: Channel,
    on: NaiveDate,
) -> RatingContext {
    RatingContext {
        dossier: dossier.into(),
        user: user.into(),
        service: service.into(),
        chamber: chamber.parse().unwrap(),
        channel,
        on,
    }
}

fn stars(n: u8) -> Score {
    Score::Stars(Stars::try_from(n).unwrap())
}

fn rating(dossier: &str, score: Score, answers: Vec<Answer>) -> Rating {
    Rating::new(
        ctx(dossier, "RSSMRA80A01F205X", "accesso-atti", "MI", Channel::Online, day(2)),
        score,
        answers,
        String::new(),
    )
    .unwrap()
}

// -- the questionnaire ---------------------------------------------------------------------------

#[test]
fn the_questionnaire_texts_are_those_of_designers_italia() {
    assert_eq!(QUESTION, "Quanto è stato facile usare questo servizio?");
    let difficulties: Vec<&str> = Branch::Difficulties.answers().iter().map(|a| a.text_it()).collect();
    assert_eq!(
        difficulties,
        [
            "A volte le indicazioni non erano chiare",
            "A volte le indicazioni non erano complete",
            "A volte non capivo se stavo procedendo correttamente",
            "Ho avuto problemi tecnici",
            "Altro"
        ]
    );
    let strengths: Vec<&str> = Branch::Strengths.answers().iter().map(|a| a.text_it()).collect();
    assert_eq!(
        strengths,
        [
            "Le indicazioni erano chiare",
            "Le indicazioni erano complete",
            "Capivo sempre che stavo procedendo correttamente",
            "Non ho avuto problemi tecnici",
            "Altro"
        ]
    );
    assert_eq!(Branch::Difficulties.question_it(), "Dove hai incontrato le maggiori difficoltà?");
    assert_eq!(Branch::Strengths.question_it(), "Quali sono stati gli aspetti che hai preferito?");
}

#[test]
fn one_to_three_stars_lead_to_difficulties_four_and_five_to_strengths() {
    for n in 1..=3u8 {
        assert_eq!(Stars::try_from(n).unwrap().branch(), Branch::Difficulties);
    }
    for n in 4..=5u8 {
        assert_eq!(Stars::try_from(n).unwrap().branch(), Branch::Strengths);
    }
}

#[test]
fn stars_outside_one_to_five_are_refused() {
    assert_eq!(Stars::try_from(0u8), Err(SatisfactionError::InvalidStars { value: 0 }));
    assert_eq!(Stars::try_from(6u8), Err(SatisfactionError::InvalidStars { value: 6 }));
    assert_eq!(Stars::try_from(-1i64), Err(SatisfactionError::InvalidStars { value: -1 }));
    assert!(serde_json::from_str::<Stars>("7").is_err());
}

#[test]
fn a_strength_after_three_stars_is_refused() {
    let c = ctx("D1", "U1", "S", "MI", Channel::Online, day(1));
    assert_eq!(
        Rating::new(c, stars(3), vec![Answer::ClearInstructions], String::new()),
        Err(SatisfactionError::AnswerOutOfBranch { answer: Answer::ClearInstructions, stars: 3 })
    );
}

#[test]
fn a_difficulty_after_four_stars_is_refused() {
    let c = ctx("D1", "U1", "S", "MI", Channel::Online, day(1));
    assert_eq!(
        Rating::new(c, stars(4), vec![Answer::TechnicalProblems], String::new()),
        Err(SatisfactionError::AnswerOutOfBranch { answer: Answer::TechnicalProblems, stars: 4 })
    );
}

#[test]
fn the_same_answer_twice_is_refused() {
    let c = ctx("D1", "U1", "S", "MI", Channel::Online, day(1));
    let a = vec![Answer::TechnicalProblems, Answer::UnsureOfProgress, Answer::TechnicalProblems];
    assert_eq!(
        Rating::new(c, stars(2), a, String::new()),
        Err(SatisfactionError::DuplicateAnswer { answer: Answer::TechnicalProblems })
    );
}

#[test]
fn a_face_takes_a_comment_but_no_answers() {
    let c = ctx("D1", "U1", "S", "MI", Channel::Counter, day(1));
    assert_eq!(
        Rating::new(c.clone(), Score::Face(Face::Red), vec![Answer::TechnicalProblems], String::new()),
        Err(SatisfactionError::AnswersWithFace { face: Face::Red })
    );
    assert!(Rating::new(c, Score::Face(Face::Red), vec![], "coda lunga".into()).is_ok());
}

#[test]
fn a_comment_of_two_hundred_characters_is_accepted_and_one_more_refused() {
    let c = ctx("D1", "U1", "S", "MI", Channel::Online, day(1));
    let ok = "è".repeat(200); // characters, not bytes
    assert!(Rating::new(c.clone(), stars(5), vec![], ok).is_ok());
    assert_eq!(
        Rating::new(c, stars(5), vec![], "a".repeat(201)),
        Err(SatisfactionError::CommentTooLong { length: 201, max: 200 })
    );
}

#[test]
fn empty_identifiers_are_refused_by_name() {
    let c = ctx("D1", " ", "S", "MI", Channel::Online, day(1));
    assert_eq!(
        Rating::new(c, stars(5), vec![], String::new()),
        Err(SatisfactionError::EmptyField { field: "user" })
    );
}

#[test]
fn codes_parse_back_to_their_values() {
    for a in Answer::ALL {
        assert_eq!(a.code().parse::<Answer>().unwrap(), a);
    }
    for c in Channel::ALL {
        assert_eq!(parse_channel(c.as_str()).unwrap(), c);
    }
    for g in Grouping::ALL {
        assert_eq!(g.as_str().parse::<Grouping>().unwrap(), g);
    }
    assert!(matches!(parse_channel("fax"), Err(SatisfactionError::UnknownChannel { .. })));
    assert_eq!(parse_channel(" WEB ").unwrap(), Channel::Online);
    assert!(matches!("blue".parse::<Face>(), Err(SatisfactionError::UnknownFace { .. })));
}

// -- the survey ----------------------------------------------------------------------------------

#[test]
fn a_second_rating_of_the_same_dossier_by_the_same_user_is_refused() {
    let mut s = SatisfactionSurvey::new();
    s.record(rating("MI-1", stars(5), vec![])).unwrap();
    assert_eq!(
        s.record(rating("MI-1", stars(1), vec![])),
        Err(SatisfactionError::AlreadyRated { dossier: "MI-1".into() })
    );
    assert_eq!(s.len(), 1, "the refused rating is not stored");
    assert_eq!(s.ratings()[0].score(), stars(5));
}

#[test]
fn another_user_may_rate_the_same_dossier() {
    let mut s = SatisfactionSurvey::new();
    s.record(rating("MI-1", stars(5), vec![])).unwrap();
    let other = Rating::new(
        ctx("MI-1", "delegate-7", "accesso-atti", "MI", Channel::Online, day(3)),
        stars(4),
        vec![],
        String::new(),
    )
    .unwrap();
    s.record(other).unwrap();
    assert!(s.has_rated("MI-1", "delegate-7"));
}

#[test]
fn the_survey_round_trips_through_json_and_rechecks_duplicates() {
    let s = month_of_ratings();
    let back = SatisfactionSurvey::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    let mut doc: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
    let first = doc["ratings"][0].clone();
    doc["ratings"].as_array_mut().unwrap().push(first);
    assert!(matches!(
        SatisfactionSurvey::from_json(&doc.to_string()),
        Err(SatisfactionError::AlreadyRated { .. })
    ));
    assert_eq!(doc["ratings"][0]["score"], serde_json::json!({"stars": 5}));
}

/// A month of ratings at two chambers: 20 with stars, 4 faces.
fn month_of_ratings() -> SatisfactionSurvey {
    let mut s = SatisfactionSurvey::new();
    let plan: [(u8, &str, &str, Channel, &[Answer]); 20] = [
        (5, "diritto-annuale", "MI", Channel::Online, &[Answer::ClearInstructions]),
        (5, "diritto-annuale", "MI", Channel::Online, &[]),
        (4, "diritto-annuale", "MI", Channel::App, &[Answer::NoTechnicalProblems]),
        (4, "diritto-annuale", "BG", Channel::Online, &[]),
        (2, "diritto-annuale", "BG", Channel::Online, &[Answer::TechnicalProblems]),
        (
            1,
            "diritto-annuale",
            "MI",
            Channel::Online,
            &[Answer::TechnicalProblems, Answer::UnclearInstructions],
        ),
        (3, "diritto-annuale", "MI", Channel::App, &[Answer::UnsureOfProgress]),
        (5, "accesso-atti", "MI", Channel::Online, &[]),
        (4, "accesso-atti", "MI", Channel::Online, &[Answer::CompleteInstructions]),
        (3, "accesso-atti", "BG", Channel::Online, &[Answer::IncompleteInstructions]),
        (
            2,
            "accesso-atti",
            "BG",
            Channel::Online,
            &[Answer::IncompleteInstructions, Answer::TechnicalProblems],
        ),
        (5, "accesso-atti", "BG", Channel::App, &[]),
        (4, "reclami", "MI", Channel::Online, &[]),
        (1, "reclami", "MI", Channel::Online, &[Answer::OtherDifficulty]),
        (5, "reclami", "BG", Channel::Online, &[]),
        (5, "reclami", "BG", Channel::Online, &[]),
        (4, "reclami", "MI", Channel::App, &[]),
        (3, "reclami", "MI", Channel::Online, &[]),
        (5, "diritto-annuale", "BG", Channel::Online, &[]),
        (4, "diritto-annuale", "MI", Channel::Online, &[]),
    ];
    for (i, (n, service, chamber, channel, answers)) in plan.iter().enumerate() {
        let c = ctx(&format!("D{i}"), &format!("U{i}"), service, chamber, *channel, day(1 + i as u32));
        s.record(Rating::new(c, stars(*n), answers.to_vec(), "commento riservato".into()).unwrap()).unwrap();
    }
    for (i, face) in [Face::Green, Face::Green, Face::Yellow, Face::Red].iter().enumerate() {
        let c = ctx(
            &format!("F{i}"),
            &format!("V{i}"),
            "diritto-annuale",
            "MI",
            Channel::Counter,
            day(25 + i as u32),
        );
        s.record(Rating::new(c, Score::Face(*face), vec![], String::new()).unwrap()).unwrap();
    }
    s
}

#[test]
fn aggregate_by_service_counts_means_and_distribution() {
    let s = month_of_ratings();
    let by = s.aggregate(Grouping::Service, Period::ALL);
    let keys: Vec<&str> = by.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["accesso-atti", "diritto-annuale", "reclami"]);
    let annual = &by[1];
    // stars 5,5,4,4,2,1,3,5,4 = 33 over 9, plus faces green, green, yellow, red
    assert_eq!(annual.count, 13);
    assert_eq!(annual.star_count, 9);
    assert_eq!(annual.distribution, [1, 1, 1, 3, 3]);
    assert_eq!(annual.faces, FaceCounts { green: 2, yellow: 1, red: 1 });
    assert!((annual.mean.unwrap() - 33.0 / 9.0).abs() < 1e-12);
    assert_eq!(annual.satisfied, 8);
    assert!((annual.satisfied_share - 8.0 / 13.0).abs() < 1e-12);
    let (lo, hi) = wilson_interval(8, 13, Z_95);
    assert_eq!((annual.wilson_low, annual.wilson_high), (lo, hi));
}

#[test]
fn most_cited_difficulties_come_first() {
    let s = month_of_ratings();
    let all = s.aggregate(Grouping::Overall, Period::ALL);
    assert_eq!(all.len(), 1);
    let top: Vec<(Answer, u64)> = all[0].top_difficulties.iter().map(|d| (d.answer, d.count)).collect();
    assert_eq!(
        top,
        [
            (Answer::TechnicalProblems, 3),
            (Answer::IncompleteInstructions, 2),
            (Answer::UnclearInstructions, 1),
            (Answer::UnsureOfProgress, 1),
            (Answer::OtherDifficulty, 1),
        ]
    );
}

#[test]
fn aggregates_by_chamber_channel_and_month_split_the_same_ratings() {
    let s = month_of_ratings();
    for by in [Grouping::Chamber, Grouping::Channel, Grouping::Month] {
        let total: u64 = s.aggregate(by, Period::ALL).iter().map(|a| a.count).sum();
        assert_eq!(total, 24, "{by}");
    }
    let channels: Vec<String> =
        s.aggregate(Grouping::Channel, Period::ALL).into_iter().map(|a| a.key).collect();
    assert_eq!(channels, ["app", "counter", "online"]);
    assert_eq!(s.aggregate(Grouping::Month, Period::ALL)[0].key, "2026-03");
}

#[test]
fn a_period_keeps_only_its_days() {
    let s = month_of_ratings();
    let first_week = Period::new(Some(day(1)), Some(day(7))).unwrap();
    let all = s.aggregate(Grouping::Overall, first_week);
    assert_eq!(all[0].count, 7);
    assert!(s.aggregate(Grouping::Overall, Period::new(Some(day(31)), None).unwrap()).is_empty());
    assert_eq!(
        Period::new(Some(day(8)), Some(day(7))),
        Err(SatisfactionError::InvalidPeriod { start: day(8), end: day(7) })
    );
}

// -- Wilson interval against published values (Newcombe 1998, Stat. Med. 17:857, table I) ------

#[test]
fn wilson_interval_matches_newcombe_1998() {
    let cases = [
        (81, 263, "0.2553", "0.3662"),
        (15, 148, "0.0624", "0.1605"),
        (0, 20, "0.0000", "0.1611"),
        (1, 29, "0.0061", "0.1718"),
        (29, 29, "0.8830", "1.0000"),
    ];
    for (x, n, lo, hi) in cases {
        let (l, h) = wilson_interval(x, n, Z_95);
        assert_eq!((format!("{l:.4}"), format!("{h:.4}")), (lo.to_string(), hi.to_string()), "{x}/{n}");
    }
}

#[test]
fn wilson_interval_of_no_observations_is_everything() {
    assert_eq!(wilson_interval(0, 0, Z_95), (0.0, 1.0));
}

// -- publication -----------------------------------------------------------------------------

#[test]
fn the_publication_report_carries_no_personal_data() {
    let s = month_of_ratings();
    let report = s.publication_report(Period::ALL, 1);
    let json = report.to_json();
    let md = report.to_markdown();
    for text in [&json, &md] {
        assert!(!text.contains("RSSMRA"), "user id leaked");
        assert!(!text.contains("\"U1\"") && !text.contains("| U1 "), "user id leaked");
        assert!(!text.contains("D1"), "dossier id leaked");
        assert!(!text.contains("commento riservato"), "comment leaked");
    }
    assert_eq!(report.overall.count, 24);
    assert!(md.contains("### By service"));
    assert!(md.contains("| diritto-annuale | 13 | 3,67 | 1 | 1 | 1 | 3 | 3 | 2/1/1 | 61,5 % |"), "{md}");
    assert!(md.contains("Ho avuto problemi tecnici (3)"));
}

#[test]
fn small_groups_are_withheld_when_asked() {
    let s = month_of_ratings();
    let report = s.publication_report(Period::ALL, 5);
    // channels "app" and "counter" have 4 ratings each; every other group has 5 or more
    let channels: Vec<&str> = report.by_channel.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(channels, ["online"]);
    assert_eq!(report.withheld_groups, 2);
    assert_eq!(report.by_service.len(), 3);
    assert!(report.to_markdown().contains("2 groups with fewer than 5 ratings are not shown."));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shares_and_intervals_are_consistent(scores in prop::collection::vec(1u8..=5, 1..60)) {
        let mut s = SatisfactionSurvey::new();
        for (i, n) in scores.iter().enumerate() {
            let c = ctx(&format!("D{i}"), "U", "svc", "MI", Channel::Online, day(1));
            s.record(Rating::new(c, stars(*n), vec![], String::new()).unwrap()).unwrap();
        }
        let a = &s.aggregate(Grouping::Overall, Period::ALL)[0];
        prop_assert_eq!(a.count as usize, scores.len());
        prop_assert_eq!(a.distribution.iter().sum::<u64>() as usize, scores.len());
        prop_assert!(a.wilson_low <= a.satisfied_share && a.satisfied_share <= a.wilson_high);
        prop_assert!(0.0 <= a.wilson_low && a.wilson_high <= 1.0);
        let mean = a.mean.unwrap();
        prop_assert!((1.0..=5.0).contains(&mean));
    }
}
