//! One rating: the Designers Italia questionnaire or a "Mettiamoci la faccia" face, linked to a
//! dossier, a user, a service, a chamber, a channel and a date.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;

use super::error::SatisfactionError;

/// The question of the service rating (Designers Italia, criterion C.SE.1.7, asked at the end of
/// every online service).
pub const QUESTION: &str = "Quanto è stato facile usare questo servizio?";

/// The follow-up question for 1-3 stars.
pub const QUESTION_DIFFICULTIES: &str = "Dove hai incontrato le maggiori difficoltà?";

/// The follow-up question for 4-5 stars.
pub const QUESTION_STRENGTHS: &str = "Quali sono stati gli aspetti che hai preferito?";

/// The invitation to a free comment.
pub const QUESTION_DETAILS: &str = "Vuoi aggiungere altri dettagli?";

/// Most characters of the free comment (Designers Italia rating component: "max 200 chars").
pub const MAX_COMMENT_CHARS: usize = 200;

/// Most characters of a dossier, user or service identifier.
pub const MAX_ID_CHARS: usize = 128;

/// From this many stars a rating is positive (Designers Italia `positiveThreshold: 3`, i.e. > 3).
pub const SATISFIED_FROM_STARS: u8 = 4;

/// One to five stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    /// The number of stars, 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Which follow-up question the stars lead to.
    pub fn branch(self) -> Branch {
        if self.0 >= SATISFIED_FROM_STARS {
            Branch::Strengths
        } else {
            Branch::Difficulties
        }
    }
}

impl TryFrom<u8> for Stars {
    type Error = SatisfactionError;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        if (1..=5).contains(&v) {
            Ok(Stars(v))
        } else {
            Err(SatisfactionError::InvalidStars { value: i64::from(v) })
        }
    }
}

impl TryFrom<i64> for Stars {
    type Error = SatisfactionError;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        u8::try_from(v).map_err(|_| SatisfactionError::InvalidStars { value: v }).and_then(Stars::try_from)
    }
}

impl From<Stars> for u8 {
    fn from(s: Stars) -> u8 {
        s.0
    }
}

/// The three faces of "Mettiamoci la faccia" (Ministero per la PA e l'innovazione, 2009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Face {
    /// Green smiling face: positive.
    Green,
    /// Yellow neutral face.
    Yellow,
    /// Red sad face: negative.
    Red,
}

impl Face {
    /// Every face.
    pub const ALL: [Face; 3] = [Face::Green, Face::Yellow, Face::Red];

    /// `green`, `yellow` or `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Face::Green => "green",
            Face::Yellow => "yellow",
            Face::Red => "red",
        }
    }
}

impl FromStr for Face {
    type Err = SatisfactionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Face::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| SatisfactionError::UnknownFace { text: s.to_string() })
    }
}

/// The score of a rating: stars of the Designers Italia questionnaire, or a face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// 1-5 stars.
    Stars(Stars),
    /// One of the three faces.
    Face(Face),
}

impl Score {
    /// Satisfied: 4-5 stars or the green face.
    pub fn is_satisfied(self) -> bool {
        match self {
            Score::Stars(s) => s.get() >= SATISFIED_FROM_STARS,
            Score::Face(f) => f == Face::Green,
        }
    }
}

/// The two follow-up branches of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Branch {
    /// After 1-3 stars: where the user met difficulties.
    Difficulties,
    /// After 4-5 stars: what the user liked.
    Strengths,
}

impl Branch {
    /// The Italian question of the branch.
    pub fn question_it(self) -> &'static str {
        match self {
            Branch::Difficulties => QUESTION_DIFFICULTIES,
            Branch::Strengths => QUESTION_STRENGTHS,
        }
    }

    /// The fixed answers of the branch, in the questionnaire's order.
    pub fn answers(self) -> [Answer; 5] {
        match self {
            Branch::Difficulties => [
                Answer::UnclearInstructions,
                Answer::IncompleteInstructions,
                Answer::UnsureOfProgress,
                Answer::TechnicalProblems,
                Answer::OtherDifficulty,
            ],
            Branch::Strengths => [
                Answer::ClearInstructions,
                Answer::CompleteInstructions,
                Answer::SureOfProgress,
                Answer::NoTechnicalProblems,
                Answer::OtherStrength,
            ],
        }
    }
}

/// A fixed answer of the follow-up question (Designers Italia, `flussi-di-servizi/
/// valutazione-servizio.rst`; peers §3). Several may be chosen, each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// "A volte le indicazioni non erano chiare".
    UnclearInstructions,
    /// "A volte le indicazioni non erano complete".
    IncompleteInstructions,
    /// "A volte non capivo se stavo procedendo correttamente".
    UnsureOfProgress,
    /// "Ho avuto problemi tecnici".
    TechnicalProblems,
    /// "Altro" (difficulties branch).
    OtherDifficulty,
    /// "Le indicazioni erano chiare".
    ClearInstructions,
    /// "Le indicazioni erano complete".
    CompleteInstructions,
    /// "Capivo sempre che stavo procedendo correttamente".
    SureOfProgress,
    /// "Non ho avuto problemi tecnici".
    NoTechnicalProblems,
    /// "Altro" (strengths branch).
    OtherStrength,
}

impl Answer {
    /// Every answer, difficulties first.
    pub const ALL: [Answer; 10] = [
        Answer::UnclearInstructions,
        Answer::IncompleteInstructions,
        Answer::UnsureOfProgress,
        Answer::TechnicalProblems,
        Answer::OtherDifficulty,
        Answer::ClearInstructions,
        Answer::CompleteInstructions,
        Answer::SureOfProgress,
        Answer::NoTechnicalProblems,
        Answer::OtherStrength,
    ];

    /// The code used in documents and bindings (`unclear_instructions`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Answer::UnclearInstructions => "unclear_instructions",
            Answer::IncompleteInstructions => "incomplete_instructions",
            Answer::UnsureOfProgress => "unsure_of_progress",
            Answer::TechnicalProblems => "technical_problems",
            Answer::OtherDifficulty => "other_difficulty",
            Answer::ClearInstructions => "clear_instructions",
            Answer::CompleteInstructions => "complete_instructions",
            Answer::SureOfProgress => "sure_of_progress",
            Answer::NoTechnicalProblems => "no_technical_problems",
            Answer::OtherStrength => "other_strength",
        }
    }

    /// The fixed Italian text shown to the user.
    pub fn text_it(self) -> &'static str {
        match self {
            Answer::UnclearInstructions => "A volte le indicazioni non erano chiare",
            Answer::IncompleteInstructions => "A volte le indicazioni non erano complete",
            Answer::UnsureOfProgress => "A volte non capivo se stavo procedendo correttamente",
            Answer::TechnicalProblems => "Ho avuto problemi tecnici",
            Answer::OtherDifficulty | Answer::OtherStrength => "Altro",
            Answer::ClearInstructions => "Le indicazioni erano chiare",
            Answer::CompleteInstructions => "Le indicazioni erano complete",
            Answer::SureOfProgress => "Capivo sempre che stavo procedendo correttamente",
            Answer::NoTechnicalProblems => "Non ho avuto problemi tecnici",
        }
    }

    /// The branch that offers this answer.
    pub fn branch(self) -> Branch {
        if Branch::Difficulties.answers().contains(&self) {
            Branch::Difficulties
        } else {
            Branch::Strengths
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Answer {
    type Err = SatisfactionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Answer::ALL
            .into_iter()
            .find(|a| a.code() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| SatisfactionError::UnknownAnswer { text: s.to_string() })
    }
}

/// Where the user met the service: the catalogue's channel vocabulary (CPSV-AP `hasChannel`),
/// one list for the whole counter. The web site is [`Channel::Online`].
pub use crate::catalog::Channel;

/// Reads a channel for a rating: the catalogue's names (`online`, `app`, `counter`, `phone`...),
/// any case, and the survey's former name `web` for [`Channel::Online`].
///
/// ```
/// use sportello::satisfaction::{parse_channel, Channel};
/// assert_eq!(parse_channel("web")?, Channel::Online);
/// assert_eq!(parse_channel("App")?, Channel::App);
/// assert!(parse_channel("fax").is_err());
/// # Ok::<(), sportello::satisfaction::SatisfactionError>(())
/// ```
pub fn parse_channel(s: &str) -> Result<Channel, SatisfactionError> {
    let t = s.trim().to_ascii_lowercase();
    if t == "web" {
        return Ok(Channel::Online);
    }
    t.parse().map_err(|_| SatisfactionError::UnknownChannel { text: s.to_string() })
}

/// What a rating refers to: the dossier (or service use), who rated, the service, the chamber,
/// the channel and the day.
///
/// `user` is an opaque identifier or a codice fiscale: it is kept only to refuse a second rating
/// of the same dossier and never appears in aggregates or in the publication report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingContext {
    /// The dossier or service-use identifier.
    pub dossier: String,
    /// Who rated (personal data: never published).
    pub user: String,
    /// The service identifier.
    pub service: String,
    /// The chamber that delivered the service.
    pub chamber: ChamberCode,
    /// The channel.
    pub channel: Channel,
    /// The day of the rating.
    pub on: NaiveDate,
}

/// A validated rating.
///
/// Rules (Designers Italia, criterion C.SE.1.7 and `valutazione-servizio.rst`): 1-5 stars; the
/// follow-up answers must belong to the branch of the stars (1-3 difficulties, 4-5 strengths),
/// each at most once; the comment has at most [`MAX_COMMENT_CHARS`] characters. A face rating
/// ("Mettiamoci la faccia") takes no follow-up answers: the reference does not confirm any
/// follow-up list for it, so none is invented; a comment is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RatingDocument")]
pub struct Rating {
    #[serde(flatten)]
    context: RatingContext,
    score: Score,
    answers: Vec<Answer>,
    comment: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingDocument {
    dossier: String,
    user: String,
    service: String,
    chamber: ChamberCode,
    channel: Channel,
    on: NaiveDate,
    score: Score,
    #[serde(default)]
    answers: Vec<Answer>,
    #[serde(default)]
    comment: String,
}

impl TryFrom<RatingDocument> for Rating {
    type Error = SatisfactionError;
    fn try_from(d: RatingDocument) -> Result<Self, Self::Error> {
        let context = RatingContext {
            dossier: d.dossier,
            user: d.user,
            service: d.service,
            chamber: d.chamber,
            channel: d.channel,
            on: d.on,
        };
        Rating::new(context, d.score, d.answers, d.comment)
    }
}

fn check_id(field: &'static str, value: &str) -> Result<(), SatisfactionError> {
    if value.trim().is_empty() {
        return Err(SatisfactionError::EmptyField { field });
    }
    let length = value.chars().count();
    if length > MAX_ID_CHARS {
        return Err(SatisfactionError::FieldTooLong { field, length, max: MAX_ID_CHARS });
    }
    Ok(())
}

impl Rating {
    /// Validates a rating.
    pub fn new(
        context: RatingContext,
        score: Score,
        answers: Vec<Answer>,
        comment: String,
    ) -> Result<Self, SatisfactionError> {
        check_id("dossier", &context.dossier)?;
        check_id("user", &context.user)?;
        check_id("service", &context.service)?;
        match score {
            Score::Stars(stars) => {
                for (i, a) in answers.iter().enumerate() {
                    if a.branch() != stars.branch() {
                        return Err(SatisfactionError::AnswerOutOfBranch { answer: *a, stars: stars.get() });
                    }
                    if answers[..i].contains(a) {
                        return Err(SatisfactionError::DuplicateAnswer { answer: *a });
                    }
                }
            }
            Score::Face(face) => {
                if !answers.is_empty() {
                    return Err(SatisfactionError::AnswersWithFace { face });
                }
            }
        }
        let length = comment.chars().count();
        if length > MAX_COMMENT_CHARS {
            return Err(SatisfactionError::CommentTooLong { length, max: MAX_COMMENT_CHARS });
        }
        Ok(Rating { context, score, answers, comment })
    }

    /// What the rating refers to.
    pub fn context(&self) -> &RatingContext {
        &self.context
    }

    /// The score.
    pub fn score(&self) -> Score {
        self.score
    }

    /// The follow-up answers.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The free comment (never published: it may hold personal data).
    pub fn comment(&self) -> &str {
        &self.comment
    }
}
