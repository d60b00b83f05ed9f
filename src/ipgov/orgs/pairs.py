"""Are two applicant records the same party? The pairwise form of the harmonisation rules, used by the
evaluation (bench/bench_orgs.py) and by the review of credit-code conflicts.

A record is (name, stated applicant type, address, credit code). Two credit codes decide alone (a code
wins over a name). Two individuals are one person only with the same name at the same address — never
by name alone. Organizations are one when their harmonised keys agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipgov.core.credit_code import clean as clean_code
from ipgov.orgs.names import INDIVIDUAL, harmonise, normalise


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    applicant_type: str = ""
    address: str = ""
    credit_code: str = ""


def same_party(a: Party, b: Party) -> bool:
    code_a, code_b = clean_code(a.credit_code), clean_code(b.credit_code)
    if code_a and code_b:
        return code_a == code_b
    ha, hb = harmonise(a.name, a.applicant_type), harmonise(b.name, b.applicant_type)
    if ha.kind == INDIVIDUAL or hb.kind == INDIVIDUAL:
        address = normalise(a.address)
        return (ha.kind == hb.kind and normalise(a.name) == normalise(b.name)
                and bool(address) and address == normalise(b.address))
    return ha.key == hb.key


def exact_match(a: Party, b: Party) -> bool:
    """The baseline: the strings as received are equal."""
    return a.name == b.name
