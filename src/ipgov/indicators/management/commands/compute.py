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
    help = _("Compute the indicator cube from the register (incremental: after an import only the months it "
             "changed and the stocks after them are recomputed, and only changed cells are written).")

    def add_arguments(self, parser):
        parser.add_argument("--executor", default=Executor.DUCKDB, choices=Executor.values)
        parser.add_argument("--from", dest="first", help=_("first month, e.g. 2015-01 (default 2015-01)"))
        parser.add_argument("--to", dest="last", help=_("last month, e.g. 2020-06 (default: the register's last)"))
        parser.add_argument("--force", action="store_true", help=_("recompute the whole cube, even if the register is unchanged"))
        parser.add_argument("--spark-master", metavar="URL",
                            help=_("the Spark master for --executor spark, e.g. spark://host:7077 "
                                   "(default: IPGOV_SPARK_MASTER, otherwise local[2])"))

    def handle(self, *args, executor, first, last, force, spark_master, **options):
        if spark_master and executor != Executor.SPARK:
            raise CommandError(_("--spark-master only applies to --executor spark."))
        executor_options = {"master": spark_master} if spark_master else {}
        try:
            with acting_as(Actor.system("cli:compute")):
                run = compute.compute(executor, first, last, force=force,
                                      stages=Stages(lambda line: self.stdout.write(line)), **executor_options)
        except (periods.PeriodError, ExecutorUnavailable) as exc:
            raise CommandError(str(exc)) from None
        engine = (_(", engine %(seconds)s s") % {"seconds": f"{run.engine_seconds:.2f}"}
                  if run.engine_seconds is not None else "")
        self.stdout.write(_("run #%(id)s (%(executor)s, %(first)s..%(last)s): %(message)s; %(seconds)s s")
                          % {"id": run.pk, "executor": run.executor, "first": run.period_from, "last": run.period_to,
                             "message": run.message, "seconds": f"{run.duration:.2f}"} + engine)
        if run.periods_changed:
            shown = ", ".join(run.periods_changed[:12]) + (" …" if len(run.periods_changed) > 12 else "")
            self.stdout.write(_("periods changed: %(periods)s") % {"periods": shown})
        for line in compute.changes(run):
            self.stdout.write(line)
