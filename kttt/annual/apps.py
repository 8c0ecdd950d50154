from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "kttt.annual"
    verbose_name = "Số liệu hằng năm"
