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


def install_stamp_triggers(sender: AppConfig, using: str, apps: Any = None, **kwargs: Any) -> None:
    """After every migrate (and flush): the stamp's row and the data-stamp triggers on every watched table
    (kttt.indicators.stamp)."""
    from django.apps import apps as installed_apps

    from kttt.indicators.stamp import STAMP_TABLE, ensure_stamp_row, install_triggers, watched_tables

    db = connections[using]
    if STAMP_TABLE in db.introspection.table_names():
        ensure_stamp_row(db)
        install_triggers(db, watched_tables(apps or installed_apps))
