"""The service catalogue: search by need, browsing, chambers, grants, CPSV-AP JSON-LD export."""

from sportello._native import (
    Catalog,
    CatalogError,
    ChamberCatalog,
    Contact,
    Cost,
    CriterionFailure,
    Grant,
    GrantApplicant,
    GrantsReport,
    IneligibleGrant,
    MatchReason,
    NeedCategory,
    SearchHit,
    Service,
)

__all__ = [
    "Catalog",
    "CatalogError",
    "ChamberCatalog",
    "Contact",
    "Cost",
    "CriterionFailure",
    "Grant",
    "GrantApplicant",
    "GrantsReport",
    "IneligibleGrant",
    "MatchReason",
    "NeedCategory",
    "SearchHit",
    "Service",
]
