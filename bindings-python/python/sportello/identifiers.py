"""Italian identifiers: :class:`CodiceFiscale` and :class:`PartitaIva`, valid by construction.

Parsing forgives case and the separators people type (ASCII whitespace, ``.``, ``-``; an ``IT``
prefix on a partita IVA) and nothing else. A refusal raises :class:`InvalidCodiceFiscale` or
:class:`InvalidPartitaIva` (both :class:`SportelloError`, hence ``ValueError``) carrying the failed
``rule`` and, where they apply, ``position``, ``expected`` and ``found``.
"""

from sportello._native import (
    CodiceFiscale,
    InvalidCodiceFiscale,
    InvalidPartitaIva,
    PartitaIva,
    is_valid_codice_fiscale,
    is_valid_partita_iva,
    validate_codici_fiscali,
    validate_partite_iva,
)

__all__ = [
    "CodiceFiscale",
    "PartitaIva",
    "InvalidCodiceFiscale",
    "InvalidPartitaIva",
    "is_valid_codice_fiscale",
    "is_valid_partita_iva",
    "validate_codici_fiscali",
    "validate_partite_iva",
]
