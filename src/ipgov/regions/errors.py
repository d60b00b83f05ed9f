"""What a region lookup can fail with (raised by the services and the resolver alike)."""

from __future__ import annotations

from ipgov.core.reference import ReferenceDataMissing


class UnknownRegion(LookupError):
    def __init__(self, code: str):
        super().__init__(f"unknown region code {code!r}: not in the 1981–2024 division list "
                         "nor among the statistical functional zones")
        self.code = code


class RegionsNotLoaded(ReferenceDataMissing, UnknownRegion):
    """No division is loaded at all: every code is unknown, and the cure is `ipgov init`."""

    def __init__(self, code: str = ""):
        ReferenceDataMissing.__init__(self, "divisions")
        self.code = code


__all__ = ["RegionsNotLoaded", "UnknownRegion"]
