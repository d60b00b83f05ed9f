"""Signals of the register for the apps above it (they must not be imported from here)."""

from django.dispatch import Signal

# sent by the register's writer after every record of a batch is written, inside the batch's transaction;
# arguments: batch (ImportBatch), report (ImportReport)
register_batch_written = Signal()

# sent by the register's writer once a batch's rows are in, while the server builds again the indexes a first
# fill dropped (from a second thread of the writer's process: a receiver must not use the database); a receiver
# may prepare there, on the other core, what it does after the batch (register_batch_written).
# arguments: batch (ImportBatch), kind ("patents", "trademarks"), names (set of (name, stated applicant type)
# of the records' first applicants or owners; "" where none is stated)
register_rows_written = Signal()
