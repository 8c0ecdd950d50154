from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class IndicatorsConfig(AppConfig):
    name = "kttt.indicators"
    verbose_name = "Chỉ tiêu tổng hợp"

    def ready(self) -> None:
        post_migrate.connect(install_stamp_triggers, sender=self)


def install_stamp_triggers(sender: AppConfig, using: str, apps: Any, **kwargs: Any) -> None:
    """After every migrate: the data-stamp triggers on every watched table (kttt.indicators.stamp)."""
    from kttt.indicators.stamp import STAMP_TABLE, install_triggers, watched_tables

    db = connections[using]
    if STAMP_TABLE in db.introspection.table_names():
        install_triggers(db, watched_tables(apps))
