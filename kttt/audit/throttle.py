"""Login throttling: after KTTT_LOGIN_MAX_FAILURES failed logins for a user name (since its last successful login),
or KTTT_LOGIN_MAX_FAILURES_PER_IP from one address, within KTTT_LOGIN_LOCKOUT_MINUTES, further attempts are refused
without checking the password until that many minutes after the last failure. The failures are the audit trail's
login_failed entries, so every server process counts the same ones."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from kttt.audit.models import Action, Entry


def lockout() -> dt.timedelta:
    return dt.timedelta(minutes=settings.KTTT_LOGIN_LOCKOUT_MINUTES)


def locked_until(username: str, ip: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """When attempts for this user name or from this address may resume, or None if they may now."""
    now = now or timezone.now()
    recent = Entry.objects.filter(action=Action.LOGIN_FAILED, at__gt=now - lockout(), at__lte=now)
    ends = []
    if username:
        by_name = recent.filter(actor_name__iexact=username)
        logins = Entry.objects.filter(action=Action.LOGIN, actor_name__iexact=username, at__lte=now)
        if last_login := logins.order_by("-at").values_list("at", flat=True).first():
            by_name = by_name.filter(at__gt=last_login)
        ends.append(_end(by_name, settings.KTTT_LOGIN_MAX_FAILURES))
    if ip:
        ends.append(_end(recent.filter(ip=ip), settings.KTTT_LOGIN_MAX_FAILURES_PER_IP))
    found = [end for end in ends if end is not None and end > now]
    return max(found) if found else None


def _end(failures: QuerySet[Entry], limit: int) -> dt.datetime | None:
    """The end of the lockout if there are at least `limit` failures: `lockout` after the latest."""
    if limit <= 0:
        return None
    times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    return times[0] + lockout() if len(times) == limit else None
