"""The command-line front of the ingest path: `ipgov import FILE --kind K` and its aliases."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ipgov.core import commands as ipgov_commands
from ipgov.core import preflight
from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest import profiles, registry, retry
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.models import ImportProfile
from ipgov.core.ingest.progress import ProgressBar

ERRORS_SHOWN = 50
VERBS = ("retry", "reapply", "profile")


def _batch_number(text: str) -> int:
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise CommandError(_("%(text)r is not a batch number (e.g. ipgov import retry 13)") % {"text": text}) from None


class ImportCommand(ipgov_commands.Command):
    help = gettext_lazy("Import a file as one atomic, idempotent batch: the register (CSV, Excel, ST.36/ST.96 XML) or "
            "organizations, designations, awards, training, pledges, grants, funds, auctions, trusts (CSV, Excel).")
    kinds: tuple[str, ...] | None = None  # an alias restricted to some kinds takes the kind as first argument

    def add_arguments(self, parser):
        choices = list(self.kinds) if self.kinds else registry.kinds()
        if self.kinds:
            parser.add_argument("kind", choices=choices)
            parser.add_argument("file")
        else:
            parser.add_argument("file", help=gettext_lazy(
                "the file to import; or `retry BATCH` (re-process a batch's refused rows without the file), "
                "`reapply PROFILE` (retry every batch that used a corrected profile), "
                "`profile list|show NAME|save NAME --kind K --map HEADER=field …`"))
            parser.add_argument("more", nargs="*", help=argparse.SUPPRESS)
            parser.add_argument("--kind", choices=choices, help=gettext_lazy("what the file holds (default: a register "
                                "file — patents, trademarks or gi — detected from its header)"))
            parser.add_argument("--map", action="append", default=[], metavar="HEADER=field",
                                help=gettext_lazy("with `profile save`: map a column of the file to a field "
                                                  "('HEADER=' leaves it out)"))
            parser.add_argument("--note", default="", help=gettext_lazy("with `profile save`: what the profile is for"))
            parser.add_argument("--replace", action="store_true",
                                help=gettext_lazy("with `profile save`: the --map given become the whole profile"))
        parser.add_argument("--profile", help=gettext_lazy("a saved mapping profile completing the header synonyms"))
        parser.add_argument("--format", dest="fmt", default="auto",
                            choices=["auto", "csv", "xlsx", "xls", "st36", "st96"])
        parser.add_argument("--encoding", help=gettext_lazy("declare the text encoding of a CSV (default: detected)"))
        parser.add_argument("--strict", action="store_true", help=gettext_lazy("any invalid row fails the whole batch"))
        parser.add_argument("--force", action="store_true", help=gettext_lazy("read a file again even if it was already imported"))
        parser.add_argument("--quiet", action="store_true", help=gettext_lazy("no progress bar"))
        parser.add_argument("--errors", metavar="CSV", help=gettext_lazy("also write the refused rows to this CSV file"))
        parser.add_argument("--actor", default="import", help=gettext_lazy("who is importing (recorded in the audit trail)"))

    def handle(self, *args, file, kind, fmt, encoding, strict, force, quiet, errors, actor, profile=None,
               more=(), **options):
        verb = file if not self.kinds and file in VERBS and (more or file == "profile") else None
        if not self.kinds and file in ("retry", "reapply") and not more and not Path(file).exists():
            raise CommandError(_("ipgov import retry needs a batch number (e.g. ipgov import retry 13)") if file == "retry"
                               else _("ipgov import reapply needs a profile name (e.g. ipgov import reapply NAME)"))
        if verb == "profile":
            return self._profile(more, kind, options)
        if verb is None and more:
            raise CommandError(_("unexpected argument(s) after the file: %(args)s") % {"args": " ".join(more)})
        with acting_as(Actor.cli(actor)), ProgressBar(quiet) as progress:
            try:
                if verb == "retry":
                    reports = [retry.retry(_batch_number(more[0]), profile=profile, progress=progress)]
                elif verb == "reapply":
                    reports = retry.reapply(more[0], progress=progress)
                    if not reports:
                        self.stdout.write(_("no batch that used the profile %(name)r has a refused row left")
                                          % {"name": more[0]})
                        return
                else:
                    if profile:  # a profile that does not exist is said first, whatever the file
                        registry.find_profile(profile)
                    preflight.require_file(file, self.usage(kind))
                    reports = [registry.import_path(file, kind=kind, fmt=fmt, strict=strict, encoding=encoding,
                                                    progress=progress, force=force, profile=profile)]
            except ImportFailed as exc:
                if exc.report is not None and exc.report.errors:
                    self._errors(exc.report, errors)
                raise CommandError(exc.report.summary() if exc.report else str(exc)) from None
        for report in reports[:-1]:
            self.stdout.write(report.summary())
        report = reports[-1]
        self._errors(report, errors)
        self.stdout.write(report.summary())
        if report.errors and report.status == "unchanged":
            raise CommandError(ngettext("%(n)s row is still refused (listed above)",
                                        "%(n)s rows are still refused (listed above)", report.invalid)
                               % {"n": report.invalid})
        if report.errors and not report.ok:
            raise CommandError(ngettext("no row was imported: %(n)s invalid row", "no row was imported: %(n)s invalid rows",
                                        report.invalid) % {"n": report.invalid})
        if report.errors:
            raise CommandError(ngettext("%(n)s invalid row was not imported (the valid rows were)",
                                        "%(n)s invalid rows were not imported (the valid rows were)", report.invalid)
                               % {"n": report.invalid})

    def usage(self, kind: str | None) -> str:
        """This command's line for one file, with `{file}` where the file goes (shown for a directory given)."""
        if self.kinds:
            return f"ipgov {self.__module__.rsplit('.', 1)[-1]} {kind} {{file}}"
        return "ipgov import {file}" + (f" --kind {kind}" if kind else "")

    def _profile(self, more, kind, options):
        action, name = (more + [None, None])[:2]
        try:
            if action == "list" or action is None:
                for p in ImportProfile.objects.all():
                    columns = ngettext("%(n)s column", "%(n)s columns", len(p.columns)) % {"n": len(p.columns)}
                    self.stdout.write(f"{p.name}\t{p.kind}\t{columns}\t{p.note}")
                return
            if not name:
                raise CommandError(_("`ipgov import profile %(action)s` needs a profile name") % {"action": action})
            if action == "show":
                p = profiles.get(name)
                self.stdout.write(f"{p.name} ({p.kind}){': ' + p.note if p.note else ''}")
                for header, field in p.columns.items():
                    self.stdout.write(f"  {header} → {field or _('(left out)')}")
                return
            if action == "save":
                if not kind:
                    raise CommandError(_("`ipgov import profile save NAME` needs --kind (patents, trademarks …)"))
                p = profiles.save(name, kind, profiles.parse_pairs(options["map"]), options["note"],
                                  replace=options["replace"])
                self.stdout.write(ngettext("mapping profile %(name)r (%(kind)s) saved: %(n)s column",
                                           "mapping profile %(name)r (%(kind)s) saved: %(n)s columns", len(p.columns))
                                  % {"name": p.name, "kind": p.kind, "n": len(p.columns)})
                return
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        raise CommandError(_("unknown profile action %(action)r: list, show NAME or save NAME") % {"action": action})

    def _errors(self, report, path):
        for e in report.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"  {e}")
        if len(report.errors) > ERRORS_SHOWN:
            self.stderr.write("  " + _("… and %(n)s more") % {"n": len(report.errors) - ERRORS_SHOWN})
        if path:
            try:
                report.write_errors(path)
            except ImportFailed as exc:
                raise CommandError(str(exc)) from None
