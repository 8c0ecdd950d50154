from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kttt.api"
    verbose_name = "API"
