"""The one point where the register import calls this app: after a patent batch is written, inside its
transaction (rights.signals.register_batch_written), its patents' concordance targets are rewritten (the
cube's source `patent_industries`)."""

from __future__ import annotations


def connect() -> None:
    from ipgov.rights.signals import register_batch_written

    register_batch_written.connect(_after_batch, dispatch_uid="analysis-after-batch")


def _after_batch(sender, batch, report, **kwargs) -> None:
    from ipgov.analysis.services import refresh_patent_industries

    if report.kind == "patents":
        refresh_patent_industries(batch.pk)
