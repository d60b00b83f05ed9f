from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.core import periods
from ipgov.core.actor import Actor, acting_as
from ipgov.core.stages import Stages
from ipgov.indicators import compute
from ipgov.indicators.choices import Executor
from ipgov.indicators.executors import ExecutorUnavailable


class Command(ipgov_commands.Command):
    help = _("Compute the indicator cube from the register (incremental: only changed cells are written).")

    def add_arguments(self, parser):
        parser.add_argument("--executor", default=Executor.DUCKDB, choices=Executor.values)
        parser.add_argument("--from", dest="first", help=_("first month, e.g. 2015-01 (default 2015-01)"))
        parser.add_argument("--to", dest="last", help=_("last month, e.g. 2020-06 (default: the register's last)"))
        parser.add_argument("--force", action="store_true", help=_("recompute even if the register is unchanged"))

    def handle(self, *args, executor, first, last, force, **options):
        try:
            with acting_as(Actor.system("cli:compute")):
                run = compute.compute(executor, first, last, force=force,
                                      stages=Stages(lambda line: self.stdout.write(line)))
        except (periods.PeriodError, ExecutorUnavailable) as exc:
            raise CommandError(str(exc)) from None
        engine = f", engine {run.engine_seconds:.2f} s" if run.engine_seconds is not None else ""
        self.stdout.write(f"run #{run.pk} ({run.executor}, {run.period_from}..{run.period_to}): {run.message}; "
                          f"{run.duration:.2f} s{engine}")
        if run.periods_changed:
            shown = ", ".join(run.periods_changed[:12]) + (" …" if len(run.periods_changed) > 12 else "")
            self.stdout.write(f"periods changed: {shown}")
