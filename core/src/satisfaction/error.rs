//! Why a rating or a query is refused.

use chrono::NaiveDate;

use super::rating::{Answer, Face};

/// Why a rating, a survey document or an aggregation request is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SatisfactionError {
    /// Stars outside 1-5.
    #[error("stars must be 1 to 5, got {value}")]
    InvalidStars {
        /// The value given.
        value: i64,
    },
    /// An answer offered only in the other branch (1-3 stars: difficulties; 4-5: strengths).
    #[error("answer {answer} is not offered after {stars} stars")]
    AnswerOutOfBranch {
        /// The answer.
        answer: Answer,
        /// The stars given.
        stars: u8,
    },
    /// The same answer chosen twice.
    #[error("answer {answer} is chosen more than once")]
    DuplicateAnswer {
        /// The answer.
        answer: Answer,
    },
    /// Follow-up answers given with a face: "Mettiamoci la faccia" has no follow-up list.
    #[error("a {} face rating takes no follow-up answers", face.as_str())]
    AnswersWithFace {
        /// The face.
        face: Face,
    },
    /// A comment longer than the questionnaire allows.
    #[error("the comment has {length} characters; at most {max} are allowed")]
    CommentTooLong {
        /// Characters given.
        length: usize,
        /// Characters allowed.
        max: usize,
    },
    /// An empty identifier.
    #[error("{field} must not be empty")]
    EmptyField {
        /// `dossier`, `user` or `service`.
        field: &'static str,
    },
    /// An identifier longer than allowed.
    #[error("{field} has {length} characters; at most {max} are allowed")]
    FieldTooLong {
        /// `dossier`, `user` or `service`.
        field: &'static str,
        /// Characters given.
        length: usize,
        /// Characters allowed.
        max: usize,
    },
    /// The user has already rated this dossier: one rating per dossier per user.
    #[error("dossier {dossier:?} has already been rated by this user")]
    AlreadyRated {
        /// The dossier.
        dossier: String,
    },
    /// An answer code that is not one of the questionnaire's.
    #[error("answer {text:?} is unknown")]
    UnknownAnswer {
        /// The text as given.
        text: String,
    },
    /// A face that is not `green`, `yellow` or `red`.
    #[error("face {text:?} is unknown (expected green, yellow or red)")]
    UnknownFace {
        /// The text as given.
        text: String,
    },
    /// A channel outside the catalogue's vocabulary (`web` is read as `online`).
    #[error("channel {text:?} is unknown (expected online, pec, email, counter, post, phone or app)")]
    UnknownChannel {
        /// The text as given.
        text: String,
    },
    /// A grouping that is not `service`, `chamber`, `channel`, `month` or `overall`.
    #[error("grouping {text:?} is unknown (expected service, chamber, channel, month or overall)")]
    UnknownGrouping {
        /// The text as given.
        text: String,
    },
    /// A period that ends before it starts.
    #[error("the period starts on {start} after it ends on {end}")]
    InvalidPeriod {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// The survey text is not a valid survey document.
    #[error("the survey is not a valid document: {message}")]
    Malformed {
        /// What the reader reported.
        message: String,
    },
}

impl SatisfactionError {
    /// The rule that failed, as a stable snake_case name (`already_rated`, `comment_length`, ...).
    pub fn rule(&self) -> &'static str {
        use SatisfactionError as E;
        match self {
            E::InvalidStars { .. } => "stars_range",
            E::AnswerOutOfBranch { .. } => "answer_branch",
            E::DuplicateAnswer { .. } => "duplicate_answer",
            E::AnswersWithFace { .. } => "answers_with_face",
            E::CommentTooLong { .. } => "comment_length",
            E::EmptyField { .. } => "not_empty",
            E::FieldTooLong { .. } => "length",
            E::AlreadyRated { .. } => "already_rated",
            E::UnknownAnswer { .. } => "unknown_answer",
            E::UnknownFace { .. } => "unknown_face",
            E::UnknownChannel { .. } => "unknown_channel",
            E::UnknownGrouping { .. } => "unknown_grouping",
            E::InvalidPeriod { .. } => "period_order",
            E::Malformed { .. } => "malformed",
        }
    }

    /// The input field the rule is about.
    pub fn field(&self) -> &'static str {
        use SatisfactionError as E;
        match self {
            E::InvalidStars { .. } => "stars",
            E::AnswerOutOfBranch { .. } | E::DuplicateAnswer { .. } | E::AnswersWithFace { .. } => "answers",
            E::UnknownAnswer { .. } => "answers",
            E::CommentTooLong { .. } => "comment",
            E::EmptyField { field } | E::FieldTooLong { field, .. } => field,
            E::AlreadyRated { .. } => "dossier",
            E::UnknownFace { .. } => "face",
            E::UnknownChannel { .. } => "channel",
            E::UnknownGrouping { .. } => "by",
            E::InvalidPeriod { .. } => "period",
            E::Malformed { .. } => "survey",
        }
    }
}
