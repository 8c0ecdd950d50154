from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "kttt.areas"
    verbose_name = "Đơn vị hành chính"
