from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kttt.accounts"
    verbose_name = "Tài khoản và phân quyền"
    default_auto_field = "django.db.models.BigAutoField"
