from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "kttt.exchange"
    verbose_name = "Trao đổi dữ liệu"
