import argparse
import time

from django.conf import settings
from django.core.management import call_command
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_lazy

from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.demo import preflight
from ipgov.demo.steps import STEPS, DemoContext
from ipgov.demo.web import serve

MIN_SCALE = 0.005  # below about 0.003 the synthetic trademarks cannot meet the report's stocks


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not value >= MIN_SCALE:
        raise argparse.ArgumentTypeError(gettext("%(value)s is not a scale of at least %(min)s (1 = the calibrated demo)")
                                         % {"value": text, "min": MIN_SCALE})
    return value


class Command(ipgov_commands.Command):
    checks_urls = True  # it serves the web
    help = gettext_lazy("Create the database and load the calibrated Henan demo (idempotent), then serve the web app.")

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help=gettext_lazy("stop after loading; do not serve"))
        parser.add_argument("--scale", type=_scale, default=1.0,
                            help=gettext_lazy("multiply synthetic volumes (for benchmarks; uncalibrated when != 1)"))
        parser.add_argument("--seed", type=int, default=DemoContext.seed)

    def handle(self, *args, no_serve, scale, seed, **options):
        def w(text: str, style=None) -> None:  # each line at once, also when stdout is a file or a pipe
            self.stdout.write(text, style_func=style)
            self.stdout.flush()

        w(gettext("ipgov demo — home %(home)s, database %(engine)s")
          % {"home": settings.IPGOV_HOME, "engine": settings.DATABASES["default"]["ENGINE"]})
        for notice in preflight.check(settings.IPGOV_HOME, scale, serve=not no_serve):
            w(notice)
        clock = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        w(gettext("database schema up to date (migrate) [%(seconds)s s]")
          % {"seconds": f"{time.perf_counter() - clock:.1f}"})
        started = time.perf_counter()
        ctx = DemoContext(home=settings.IPGOV_HOME, seed=seed, scale=scale,
                          progress=lambda line: w(f"   [{time.perf_counter() - started:6.1f} s] {line}"))
        changed = False
        clock = time.perf_counter()
        with acting_as(Actor.system("demo")):
            for number, path in enumerate(STEPS, 1):
                step = import_string(path)
                w(f"-- {number}/{len(STEPS)} {getattr(step, 'title', path)} …")
                started = time.perf_counter()
                result = step(ctx)
                changed |= result.changed
                took = f" [{time.perf_counter() - started:.1f} s]"
                w(f"== {result.title}" + ("" if result.changed else " " + gettext("(unchanged)")) + took,
                  self.style.MIGRATE_HEADING)
                for line in result.lines:
                    w(f"   {line}")
        w(gettext("demo data in place after %(seconds)s s") % {"seconds": f"{time.perf_counter() - clock:.1f}"})
        w("" if changed else gettext("Nothing changed: the demo data was already in place."))
        if no_serve:
            return
        serve(ctx, self.stdout)
