from __future__ import annotations

from django.db import models


class DataStamp(models.Model):
    """A single row whose value database triggers change, in the same transaction, at every write to the data the
    dashboards read (kttt.indicators.stamp, ADR 0009). Cached dashboard parts are keyed by it, so a cached part
    is never older than the last committed change."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "dấu phiên bản dữ liệu"
        verbose_name_plural = "dấu phiên bản dữ liệu"

    def __str__(self) -> str:
        return str(self.value)
