from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kttt.audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self) -> None:
        # Logins are recorded from Django's authentication signals (kttt.audit.receivers).
        from kttt.audit import receivers  # noqa: F401
