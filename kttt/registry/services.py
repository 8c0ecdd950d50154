"""Writes to the registry. Every path that changes an organisation goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kttt.areas.gazetteer import Location
from kttt.registry.models import TERMINAL_STATUSES, Organisation


def apply_location(org: Organisation, location: Location) -> None:
    org.province = location.province
    org.area = location.area
    org.former_province = location.former_province
    org.current_province = location.current_province
    org.former_district = location.former_district
    org.current_commune = location.current_commune


def end_date(changes: Iterable[tuple[dt.date, str]]) -> dt.date | None:
    """The date an organisation stopped existing: its last dissolution or revocation, unless a later
    change (re-registration, resumption) brought it back."""
    ended: dt.date | None = None
    for day, status in sorted(changes):
        ended = day if status in TERMINAL_STATUSES else None
    return ended


def refresh_dissolved(org: Organisation) -> None:
    org.dissolved = end_date(org.status_changes.values_list("date", "status"))
    Organisation.objects.filter(pk=org.pk).update(dissolved=org.dissolved)
