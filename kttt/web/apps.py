from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kttt.web"
    verbose_name = "Giao diện web"
