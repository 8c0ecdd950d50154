from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "kttt.indicators"
    verbose_name = "Chỉ tiêu tổng hợp"
