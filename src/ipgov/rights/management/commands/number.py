"""`ipgov number check NUMBER`: the parts of a CN application or publication number, or why it is invalid."""

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ipgov.core import commands as ipgov_commands
from ipgov.rights.numbers import NumberError, describe


class Command(ipgov_commands.Command):
    help = _("Check a CN patent application or publication number: print its parts or the exact reason it is invalid.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help=_("parse and validate a number"))
        check.add_argument("numbers", nargs="+", metavar="NUMBER")

    def handle(self, *args, action, numbers, **options):
        failed = 0
        for text in numbers:
            try:
                parts = describe(text)
            except NumberError as exc:
                failed += 1
                self.stdout.write(_("%(number)s: INVALID — %(reason)s") % {"number": text, "reason": exc})
                continue
            self.stdout.write(_("%(number)s: valid") % {"number": text})
            for label, value in parts:
                self.stdout.write("  " + _("%(label)s: %(value)s") % {"label": label, "value": value})
        if failed:
            raise CommandError(_("%(failed)s of %(total)s number(s) invalid") % {"failed": failed, "total": len(numbers)})
