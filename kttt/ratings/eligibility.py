"""Whether an organisation may be rated for a year: the scheme's rules on operating time and suspension,
applied to the registry's status history."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError

from kttt.ratings.models import RatingScheme
from kttt.registry.models import TERMINAL_STATUSES, Organisation, Status


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (31/3 minus one month is 28 or 29/2)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def operated_long_enough(org: Organisation, year: int, months: int) -> bool:
    """Operating for `months` by 31/12 of `year`: established on 1/1 of the year counts as 12 months."""
    return org.established <= months_before(dt.date(year, 12, 31), months) + dt.timedelta(days=1)


def suspended_days(org: Organisation, year: int) -> int:
    """Days within `year` the organisation spent suspended (tạm ngừng), from its status history: a
    suspension lasts until the next status change of another kind, else to the end of the year."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    changes = list(org.status_changes.filter(date__lte=end).order_by("date", "id").values_list("date", "status"))
    total, since = 0, None
    for day, status in changes:
        if status == Status.SUSPENDED and since is None:
            since = max(day, start)
        elif status != Status.SUSPENDED and since is not None:
            total += max(0, (min(day, end + dt.timedelta(days=1)) - since).days)
            since = None
        if status in TERMINAL_STATUSES:
            break
    if since is not None:
        total += (end + dt.timedelta(days=1) - since).days
    return total


def check_eligible(org: Organisation, year: int, scheme: RatingScheme) -> None:
    """Raise a Vietnamese ValidationError naming the rule when `org` may not be rated for `year`."""
    months = scheme.min_operating_months
    if not operated_long_enough(org, year, months):
        raise ValidationError(
            f"{org.code} không được xếp loại năm {year}: hoạt động chưa đủ {months} tháng tính đến 31/12/{year} "
            f"(thành lập {org.established:%d/%m/%Y}) theo {scheme.instrument}.",
            code="too-young",
        )
    limit = scheme.max_suspended_days
    if limit is not None and (days := suspended_days(org, year)) > limit:
        raise ValidationError(
            f"{org.code} không được xếp loại năm {year}: tạm ngừng hoạt động {days} ngày trong năm, "
            f"vượt mức tối đa {limit} ngày (3 tháng) theo {scheme.instrument}.",
            code="suspended",
        )
