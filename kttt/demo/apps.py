from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kttt.demo"
    verbose_name = "Dữ liệu mẫu"
