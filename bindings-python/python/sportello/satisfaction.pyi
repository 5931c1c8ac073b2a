from datetime import date
from typing import Final, Literal, final

from sportello.errors import SportelloError

_Channel = Literal["online", "pec", "email", "counter", "post", "phone", "app", "web"]
"""The catalogue's channels; ``web`` is the former name of ``online``."""
_Face = Literal["green", "yellow", "red"]
_Grouping = Literal["service", "chamber", "channel", "month", "overall"]
_Difficulty = Literal[
    "unclear_instructions", "incomplete_instructions", "unsure_of_progress", "technical_problems", "other_difficulty"
]
_Strength = Literal["clear_instructions", "complete_instructions", "sure_of_progress", "no_technical_problems", "other_strength"]

QUESTION: Final[str]
DEFAULT_MIN_GROUP_SIZE: Final[int]
"""Groups with fewer ratings are withheld from the publication report unless chosen otherwise: 3,
the threshold of Italian official statistics (Sistan regole deontologiche 2018, allegato 1, art. 5 c.1 lett. a)."""
"""'Quanto è stato facile usare questo servizio?'"""

class SatisfactionError(SportelloError):
    """A rating or a query that breaks a rule of the questionnaire."""

    rule: str
    field: str

class AlreadyRated(SatisfactionError):
    """The user has already rated this dossier: one rating per dossier per user."""

    dossier: str

@final
class SatisfactionAggregate:
    """The figures of one group of ratings (no personal data)."""

    @property
    def key(self) -> str:
        """A service id, a chamber code, a channel, a month (``2026-03``) or ``all``."""
    @property
    def count(self) -> int:
        """Ratings in the group (stars and faces)."""
    @property
    def star_count(self) -> int: ...
    @property
    def mean(self) -> float | None:
        """Mean stars over the ratings with stars."""
    @property
    def distribution(self) -> dict[int, int]:
        """Ratings per number of stars, 1 to 5."""
    @property
    def faces(self) -> dict[str, int]:
        """Ratings per face: green, yellow, red."""
    @property
    def satisfied(self) -> int:
        """4-5 stars or the green face."""
    @property
    def satisfied_share(self) -> float: ...
    @property
    def wilson_low(self) -> float:
        """Lower end of the 95% Wilson interval of the satisfied share."""
    @property
    def wilson_high(self) -> float:
        """Upper end of the 95% Wilson interval of the satisfied share."""
    @property
    def top_difficulties(self) -> list[tuple[str, int]]:
        """Difficulties cited, most cited first: (code, count)."""

@final
class PublicationReport:
    """Aggregates by service, chamber, channel and month, ready to publish."""

    @property
    def overall(self) -> SatisfactionAggregate: ...
    @property
    def by_service(self) -> list[SatisfactionAggregate]: ...
    @property
    def by_chamber(self) -> list[SatisfactionAggregate]: ...
    @property
    def by_channel(self) -> list[SatisfactionAggregate]: ...
    @property
    def by_month(self) -> list[SatisfactionAggregate]: ...
    @property
    def withheld_groups(self) -> int: ...
    def to_json(self) -> str: ...
    def to_markdown(self) -> str: ...

@final
class SatisfactionSurvey:
    """The ratings collected: one per dossier per user."""

    def __new__(cls) -> SatisfactionSurvey: ...
    def record(
        self,
        dossier_id: str,
        user: str,
        service: str,
        chamber: str,
        channel: _Channel,
        on: date,
        stars: int,
        answers: list[str] | tuple[str, ...] = (),
        comment: str = "",
    ) -> None:
        """Record a rating of 1-5 stars with the follow-up answer codes of its branch (1-3:
        difficulties, 4-5: strengths) and a comment of at most 200 characters. Raises AlreadyRated
        if the user has already rated the dossier."""
    def record_face(
        self,
        dossier_id: str,
        user: str,
        service: str,
        chamber: str,
        channel: _Channel,
        on: date,
        face: _Face,
        comment: str = "",
    ) -> None:
        """Record a "Mettiamoci la faccia" rating."""
    def has_rated(self, dossier_id: str, user: str) -> bool: ...
    def aggregate(
        self, by: _Grouping = "service", start: date | None = None, end: date | None = None
    ) -> list[SatisfactionAggregate]:
        """Aggregates over the days from start to end (both included), sorted by key."""
    def publication_report(
        self, start: date | None = None, end: date | None = None, min_group_size: int = 3
    ) -> PublicationReport:
        """The report for the transparency section: aggregates only, no personal data; groups
        with fewer than min_group_size ratings (default DEFAULT_MIN_GROUP_SIZE) are withheld."""
    def to_json(self) -> str:
        """The survey as JSON (holds personal data: keep it private)."""
    @staticmethod
    def from_json(text: str) -> SatisfactionSurvey: ...
    def __len__(self) -> int: ...

def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of successes out of n; SatisfactionError (rule
    ``successes_range``) if successes > n."""

def answer_text(code: str) -> str:
    """The fixed Italian text of a follow-up answer code."""

def answer_codes(branch: Literal["difficulties", "strengths"]) -> list[str]:
    """The answer codes of a branch, in the questionnaire's order; SatisfactionError (rule
    ``unknown_branch``) for another branch."""

__all__ = [
    "QUESTION",
    "DEFAULT_MIN_GROUP_SIZE",
    "SatisfactionSurvey",
    "SatisfactionAggregate",
    "PublicationReport",
    "wilson_interval",
    "answer_text",
    "answer_codes",
    "SatisfactionError",
    "AlreadyRated",
]
