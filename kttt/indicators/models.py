from __future__ import annotations

from django.db import models

from kttt.indicators.facts import VALUES


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


class Fact(models.Model):
    """The yearly fact table (kttt.indicators.facts, ADR 0010): counts and sums per year, kind, sector and area,
    written only by database triggers, in the same transaction as the data it sums. Its key is its primary key;
    on SQLite the table is WITHOUT ROWID and its province index holds every column (migration 0002), so rows are
    stored in key order and a year's rows sit together however the triggers wrote them. A migration that alters
    it must keep both."""

    pk = models.CompositePrimaryKey("scheme", "year", "province", "unit", "kind", "sector")
    scheme = models.PositiveSmallIntegerField()  # 0: units before 1/7/2025; 1: units from then
    year = models.PositiveSmallIntegerField()  # facts.OPEN (9999): the rows of still-active organisations
    kind = models.CharField(max_length=8)
    sector = models.CharField(max_length=16)
    province = models.BigIntegerField()  # AdminUnit id, 0 when not known
    unit = models.BigIntegerField()  # former district (scheme 0) or new commune (scheme 1), 0 when not known

    class Meta:
        verbose_name = "số liệu tổng hợp theo năm"
        verbose_name_plural = "số liệu tổng hợp theo năm"
        # National questions read a range of years (the key's order); a province's, its own rows of those years.
        indexes = [models.Index(fields=["scheme", "province", "year"], name="fact_province_idx")]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.sector} {self.province}/{self.unit}"


for _name in VALUES:
    Fact.add_to_class(_name, models.BigIntegerField(default=0))
