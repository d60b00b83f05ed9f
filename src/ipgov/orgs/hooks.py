"""The one point where the register import calls this app: after a register batch is written, inside
its transaction (rights.signals.register_batch_written)."""

from __future__ import annotations


def connect() -> None:
    from ipgov.rights.signals import register_batch_written, register_rows_written

    register_rows_written.connect(_rows_written, dispatch_uid="orgs-rows-written")
    register_batch_written.connect(_after_batch, dispatch_uid="orgs-after-batch")


# the batch whose names were harmonised beside its index build → those names' results (`services.prepare_names`)
_prepared: dict[int, dict] = {}


def _rows_written(sender, batch, kind, names, **kwargs) -> None:
    from ipgov.orgs.services import prepare_names

    _prepared.clear()  # one batch at a time: a batch that failed after this leaves nothing behind for long
    _prepared[batch.pk] = prepare_names(names)


def _after_batch(sender, batch, report, **kwargs) -> None:
    from ipgov.orgs.services import fill_regions, fill_trademark_regions

    prepared = _prepared.pop(batch.pk, None)
    if report.kind == "patents":
        report.region_sources = fill_regions(batch.pk, prepared)
    elif report.kind == "trademarks":
        report.region_sources = fill_trademark_regions(batch.pk, prepared)
