import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
os.environ.setdefault("IPGOV_WEB_PROCESS", "1")  # web requests wait only briefly for locks (configuration.py)
application = get_wsgi_application()
