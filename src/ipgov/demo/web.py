"""The end of `ipgov demo`: demo staff accounts (idempotent), then serve the web app."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.services import save_staff_user


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    region: str
    label: str  # lazy: the reader's language


# Demo-only credentials, printed on every run; a real deployment creates accounts with `ipgov user add`.
DEMO_ACCOUNTS = [
    DemoAccount("henan_admin", "Henan-demo-2020", Role.PROVINCE_ADMIN, "410000", gettext_lazy("河南省 province administrator")),
    DemoAccount("zhengzhou_officer", "Zhengzhou-demo-2020", Role.CITY_OFFICER, "410100", gettext_lazy("郑州市 city officer")),
    DemoAccount("luoyang_officer", "Luoyang-demo-2020", Role.CITY_OFFICER, "410300", gettext_lazy("洛阳市 city officer")),
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
    """After `ipgov demo`: accounts, then the web app served as `ipgov serve` serves it (web/server.py)."""
    from ipgov.web.server import ServerOptions
    from ipgov.web.server import serve as run_server

    options = ServerOptions.from_environment()
    changed = ensure_demo_accounts()
    stdout.write("")
    # the URLs stay whole words at the line's end (scripts/fresh-machine-demo shows these lines)
    stdout.write(gettext("Staff web application: %(url)s") % {"url": options.url})
    stdout.write(gettext("Public portal: %(url)s") % {"url": f"{options.url.rstrip('/')}/portal/"})
    for acc, was_changed in changed:
        stdout.write(f"   {str(acc.label):<34} "
                     + gettext("user %(user)s password %(password)s") % {"user": f"{acc.username:<18}",
                                                                          "password": acc.password}
                     + ("" if was_changed else "  " + gettext("(unchanged)")))
    stdout.write(gettext("Stop with Ctrl+C."))
    stdout.flush()
    run_server(options)
