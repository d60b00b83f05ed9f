"""Signals of the register for the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# sent by the register's writer after every record of a batch is written, inside the batch's transaction;
# arguments: batch (ImportBatch), report (ImportReport)
register_batch_written = Signal()
