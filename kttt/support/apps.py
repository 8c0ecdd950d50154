from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "kttt.support"
    verbose_name = "Hỗ trợ: vay vốn Quỹ hỗ trợ phát triển HTX"
