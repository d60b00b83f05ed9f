from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ipgov.demo"
    label = "demo"
    verbose_name = "Demo"
