"""What a staff page reads of the database's state, once per request: the data cut-off and the last finished
computation run (indicators.cutoff.published, one statement) and the regions' version (regions.cache).

The page header, the dashboard's view and its kept board and pickers all ask; each part is read at most
once per request, and through the cube's watch (`indicators.opendata.database_rows`): on SQLite, outside a
transaction, the statements run again only after a commit, so a warm page asks Django's connection nothing
for them; on PostgreSQL, one statement each. They name what is kept (web/dashboard.py's keys), so a finished
run, a new cut-off or reloaded regions replace the kept pages at once, in every worker.
"""

from __future__ import annotations

import functools

from django.apps import apps

ATTRIBUTE = "_ipgov_page_state"


class PageState:
    @functools.cached_property
    def _published(self) -> tuple:
        if not apps.is_installed("ipgov.indicators"):
            return None, (0, None)
        from ipgov.indicators import cutoff

        return cutoff.published()

    @property
    def cutoff(self):
        """The data cut-off month (a Period), None without a computed cube."""
        return self._published[0]

    @property
    def run(self) -> tuple:
        """The last finished computation run, (id, finished) or (0, None): names the figures shown."""
        return self._published[1]

    @functools.cached_property
    def regions(self) -> tuple:
        """The regions' version (regions.cache.version_statement's answer)."""
        from ipgov.indicators.opendata import database_rows
        from ipgov.regions.cache import version_statement

        return database_rows(version_statement())


def of(request) -> PageState:
    """The request's state, read on first use."""
    state = getattr(request, ATTRIBUTE, None)
    if state is None:
        state = PageState()
        setattr(request, ATTRIBUTE, state)
    return state
