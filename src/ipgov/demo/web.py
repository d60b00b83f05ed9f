"""The end of `ipgov demo`: demo staff accounts (idempotent), then serve the web app."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

from django.core.management import call_command

from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.services import save_staff_user

URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    region: str
    label: str


# Demo-only credentials, printed on every run; a real deployment creates accounts with `ipgov user add`.
DEMO_ACCOUNTS = [
    DemoAccount("henan_admin", "Henan-demo-2020", Role.PROVINCE_ADMIN, "410000", "河南省 province administrator"),
    DemoAccount("zhengzhou_officer", "Zhengzhou-demo-2020", Role.CITY_OFFICER, "410100", "郑州市 city officer"),
    DemoAccount("luoyang_officer", "Luoyang-demo-2020", Role.CITY_OFFICER, "410300", "洛阳市 city officer"),
]


def ensure_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create or repair the demo accounts; (account, changed) each. A second run changes nothing."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    out = []
    with acting_as(Actor.system("demo")):
        for acc in DEMO_ACCOUNTS:
            user = User.objects.filter(username=acc.username).first()
            password = None if user is not None and user.check_password(acc.password) else acc.password
            before = getattr(user, "staff_profile", None)
            state = (before.role, before.region_id) if before else None
            result = save_staff_user(acc.username, acc.role, acc.region, password=password)
            out.append((acc, result.created or password is not None or state != (acc.role, acc.region)))
    return out


def serve(ctx, stdout) -> None:
    """After `ipgov demo`: accounts, then gunicorn (2 workers) or, without it, Django's own server."""
    changed = ensure_demo_accounts()
    stdout.write("")
    stdout.write(f"Staff web application: {URL}")
    for acc, was_changed in changed:
        stdout.write(f"   {acc.label:<34} user {acc.username:<18} password {acc.password}"
                     f"{'' if was_changed else '  (unchanged)'}")
    stdout.write("Stop with Ctrl+C.")
    stdout.flush()
    call_command("collectstatic", interactive=False, verbosity=0)
    if _has_module("gunicorn"):
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="ipgov.settings")
        args = [sys.executable, "-m", "gunicorn", "ipgov.wsgi:application", "--bind", "127.0.0.1:8000",
                "--workers", os.environ.get("IPGOV_WEB_WORKERS", "2"), "--access-logfile", "-"]
        try:
            subprocess.run(args, env=env, check=False)
        except KeyboardInterrupt:
            pass
        return
    call_command("serve", "127.0.0.1:8000")


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
