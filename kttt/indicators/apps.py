from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class IndicatorsConfig(AppConfig):
    name = "kttt.indicators"
    verbose_name = "Chỉ tiêu tổng hợp"

    def ready(self) -> None:
        post_migrate.connect(after_migrate, sender=self)


def after_migrate(
    sender: AppConfig, using: str, apps: Any = None, plan: list[Any] | None = None, **kwargs: Any
) -> None:
    """After every migrate (and flush): the stamp's row and the data-stamp triggers on every watched table
    (kttt.indicators.stamp); the fact table's triggers, and the table computed again when migrations ran
    (kttt.indicators.facts: their data changes ran without this version's triggers)."""
    from django.apps import apps as installed_apps

    from kttt.indicators import facts
    from kttt.indicators.stamp import STAMP_TABLE, ensure_stamp_row, install_triggers, watched_tables

    db = connections[using]
    tables = db.introspection.table_names()
    if STAMP_TABLE in tables:
        ensure_stamp_row(db)
        install_triggers(db, watched_tables(apps or installed_apps))
    if facts.FACT_TABLE in tables:
        facts.install(db, rebuild=plan is None or bool(plan))
