"""Measuring user satisfaction (CAD art. 7 c.3), and publishing it.

The Designers Italia service rating ("Quanto è stato facile usare questo servizio?", 1-5 stars,
fixed follow-up answers for 1-3 and 4-5 stars, a comment of at most 200 characters) and the three
faces of "Mettiamoci la faccia". One rating per dossier per user; aggregates with the 95% Wilson
interval of the satisfied share; a publication report without personal data.
"""

from sportello._native import (
    QUESTION,
    AlreadyRated,
    PublicationReport,
    SatisfactionAggregate,
    SatisfactionError,
    SatisfactionSurvey,
    answer_codes,
    answer_text,
    wilson_interval,
)

__all__ = [
    "QUESTION",
    "SatisfactionSurvey",
    "SatisfactionAggregate",
    "PublicationReport",
    "wilson_interval",
    "answer_text",
    "answer_codes",
    "SatisfactionError",
    "AlreadyRated",
]
