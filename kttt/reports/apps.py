from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kttt.reports"
    verbose_name = "Báo cáo"
