"""Identities asserted by SPID, CIE and CNS, with their eIDAS level of assurance."""

from sportello._native import AssuranceTable, Identity, InvalidAssertion

__all__ = ["Identity", "AssuranceTable", "InvalidAssertion"]
