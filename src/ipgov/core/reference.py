"""The reference data every installation needs, loaded by `ipgov init` (and by the demo).

Each app that owns reference data says so on its AppConfig, so this module names no app above it:
- `load_reference_data()` loads it idempotently and returns a `Loaded`;
- `reference_data_missing()` returns what is missing (empty when loaded), cheaply.
Apps are visited in INSTALLED_APPS order, which follows the import arrows (regions before rights …).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

HINT = gettext_noop("run `ipgov init` first (it loads the divisions, population, classifications and catalogue)")


class ReferenceDataMissing(RuntimeError):
    """A command needs reference data that is not in the database; the message names `ipgov init`."""

    def __init__(self, what: list[str] | str):
        self.what = [what] if isinstance(what, str) else list(what)
        # `what` holds the source (English) names, marked with gettext_noop where they are made
        super().__init__(_("the reference data is not loaded (%(what)s): %(hint)s")
                         % {"what": ", ".join(_(w) for w in self.what), "hint": _(HINT)})


@dataclass
class Loaded:
    title: str
    changed: bool
    lines: list[str] = field(default_factory=list)


def load_all() -> list[Loaded]:
    return [cfg.load_reference_data() for cfg in apps.get_app_configs() if hasattr(cfg, "load_reference_data")]


def missing() -> list[str]:
    try:
        return [what for cfg in apps.get_app_configs() if hasattr(cfg, "reference_data_missing")
                for what in cfg.reference_data_missing()]
    except DatabaseError:  # no tables yet (never migrated): `ipgov init` creates them too
        return [gettext_noop("the database has no tables yet")]


def require() -> None:
    """Raise ReferenceDataMissing unless every app's reference data is loaded."""
    absent = missing()
    if absent:
        raise ReferenceDataMissing(absent)
