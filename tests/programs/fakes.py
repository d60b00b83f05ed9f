"""A register of rights held in memory, standing in for `ipgov.rights` in these tests only.

The production check (`ipgov.programs.rights_link.DjangoRightsRegister`) reads the rights app;
until that app is in this branch the tests install this one through `use_register`.
"""

from __future__ import annotations

import datetime

from ipgov.programs.rights_link import RightRef


class InMemoryRegister:
    def __init__(self, refs: list[RightRef] | None = None):
        self.refs = {(r.kind, r.number): r for r in refs or []}

    def add(self, kind, number, valid_from, ended_on=None, owner_region="410100") -> RightRef:
        ref = RightRef(kind, number, valid_from, ended_on, owner_region)
        self.refs[(kind, number)] = ref
        return ref

    def lookup(self, kind, number):
        return self.refs.get((kind, number))

    def valid_rights(self, kind, region_code, on, limit):
        found = [r for r in self.refs.values() if r.kind == kind and r.valid_on(on)
                 and (r.owner_region or "").startswith(region_code.rstrip("0")[:2])]
        return sorted(found, key=lambda r: (r.valid_from, r.number))[:limit]


def cn_number(year: int, kind_digit: int, serial: int) -> str:
    """A well-formed CN application number with its check character (DOMAIN.md)."""
    body = f"{year:04d}{kind_digit}{serial:07d}"
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return f"{body}.{'X' if check == 10 else check}"


D = datetime.date
