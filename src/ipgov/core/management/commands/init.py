import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core import audit, preflight, reference
from ipgov.core import commands as ipgov_commands
from ipgov.core.actor import Actor, acting_as
from ipgov.core.models import ObjectChange

ADD_LATER = gettext_lazy("add one later with `ipgov createsuperuser` (interactive), or run `ipgov init` again "
                         "with DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_PASSWORD and DJANGO_SUPERUSER_EMAIL set")


class Command(ipgov_commands.Command):
    help = gettext_lazy("Prepare an installation: tables, reference data (divisions, population, IPC/Nice, catalogue; "
            "idempotent), first administrator.")

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help=gettext_lazy("never prompt (the administrator then comes from DJANGO_SUPERUSER_* or is skipped)"))
        parser.add_argument("--no-admin", action="store_true", help=gettext_lazy("load the reference data only"))

    def handle(self, *args, interactive, no_admin, **options):
        from django.conf import settings

        w = self.stdout.write
        w(_("ipgov init — home %(home)s, database %(engine)s")
          % {"home": settings.IPGOV_HOME, "engine": settings.DATABASES["default"]["ENGINE"]})
        preflight.run([lambda: preflight.home_writable(settings.IPGOV_HOME), preflight.database])
        call_command("migrate", interactive=False, verbosity=0)
        changed = False
        with acting_as(Actor.system("init")):
            for loaded in reference.load_all():
                changed |= loaded.changed
                w(self.style.MIGRATE_HEADING(f"== {loaded.title}" + ("" if loaded.changed else " " + _("(unchanged)"))))
                for line in loaded.lines:
                    w(f"   {line}")
        w(_("Reference data loaded.") if changed else _("Reference data already in place; nothing changed."))
        if not no_admin:
            self._administrator(interactive)

    def _administrator(self, interactive: bool) -> None:
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").values_list("username", flat=True)
        if existing:
            self.stdout.write(_("Administrator: %(users)s (already there).") % {"users": ", ".join(existing)})
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        if username:
            self._administrator_from_environment(User, username)
        elif interactive and sys.stdin.isatty():
            self.stdout.write(_("Create the first administrator:"))
            call_command("createsuperuser", interactive=True)
        else:
            self.stdout.write(_("No administrator created (no terminal, DJANGO_SUPERUSER_USERNAME not set): %(hint)s.")
                              % {"hint": ADD_LATER})

    def _administrator_from_environment(self, User, username: str) -> None:
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if not password:
            raise CommandError(_("DJANGO_SUPERUSER_USERNAME is %(user)r but DJANGO_SUPERUSER_PASSWORD is not set: "
                                 "set both (and DJANGO_SUPERUSER_EMAIL) to create the first administrator")
                               % {"user": username})
        if User.objects.filter(username=username).exists():
            raise CommandError(_("a user %(user)r exists but is not an administrator: choose another "
                                 "DJANGO_SUPERUSER_USERNAME, or make that user one with `ipgov user add`")
                               % {"user": username})
        try:
            validate_password(password, User(username=username))
        except ValidationError as exc:
            raise CommandError(_("DJANGO_SUPERUSER_PASSWORD refused: %(reasons)s")
                               % {"reasons": " ".join(exc.messages)}) from None
        with acting_as(Actor.system("init")):
            user = User.objects.create_superuser(username=username, password=password,
                                                 email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""))
            audit.record(user, ObjectChange.Action.CREATE, message="first administrator created by `ipgov init`",
                         after={"username": username, "superuser": True})
        self.stdout.write(_("Administrator %(user)s created (from DJANGO_SUPERUSER_*).") % {"user": username})
