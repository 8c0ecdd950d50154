from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "kttt.backups"
    verbose_name = "Sao lưu"
