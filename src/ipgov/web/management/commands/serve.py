from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from ipgov.core import commands as ipgov_commands


class Command(ipgov_commands.Command):
    checks_urls = True  # it serves the web
    help = gettext_lazy("Serve the ipgov web application with gunicorn (default http://127.0.0.1:8000); "
            "--dev for Django's development server.")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", help=gettext_lazy("address:port to listen on (default IPGOV_WEB_BIND "
                                                        "or 127.0.0.1:8000)"))
        parser.add_argument("--workers", type=int, help=gettext_lazy("worker processes (default IPGOV_WEB_WORKERS or 2)"))
        parser.add_argument("--timeout", type=int,
                            help=gettext_lazy("seconds before a silent worker is restarted (default IPGOV_WEB_TIMEOUT or 120)"))
        parser.add_argument("--dev", action="store_true",
                            help=gettext_lazy("Django's development server with auto-reload: for development only, never "
                                 "for serving staff"))

    def handle(self, *args, addrport, workers, timeout, dev, **options):
        from ipgov.web.server import ServerOptions, serve

        try:
            server = ServerOptions.from_environment(addrport, workers, timeout)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if not dev:
            self.stdout.write(f"Serving {server.url} with gunicorn ({server.workers} workers). Stop with Ctrl+C.")
            self.stdout.flush()
        serve(server, dev=dev)
