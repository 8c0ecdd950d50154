from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "kttt.registry"
    verbose_name = "Sổ đăng ký tổ chức"
