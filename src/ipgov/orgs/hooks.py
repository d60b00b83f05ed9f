"""The one point where the register import calls this app: after a register batch is written, inside
its transaction (rights.signals.register_batch_written)."""

from __future__ import annotations


def connect() -> None:
    from ipgov.rights.signals import register_batch_written

    register_batch_written.connect(_after_batch, dispatch_uid="orgs-after-batch")


def _after_batch(sender, batch, report, **kwargs) -> None:
    from ipgov.orgs.services import fill_regions, fill_trademark_regions

    if report.kind == "patents":
        report.region_sources = fill_regions(batch.pk)
    elif report.kind == "trademarks":
        report.region_sources = fill_trademark_regions(batch.pk)
