"""Request rates of the API, read from the settings at each request (KTTT_API_ANON_RATE, KTTT_API_USER_RATE)
rather than once at import as DRF's own classes do, so a deployment or a test can change them. The counts are
kept in Django's cache: per server process unless a shared cache is configured (docs/api.md)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return str(settings.KTTT_API_ANON_RATE) or None


class SignedInThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return str(settings.KTTT_API_USER_RATE) or None
