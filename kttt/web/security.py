"""The Content-Security-Policy header (Django 5.2 has none of its own): settings.KTTT_CONTENT_SECURITY_POLICY on
every response, enforced in production and report-only with DEBUG. Pages keep to it by having no inline scripts
or style attributes: styles and scripts come from static files."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = settings.KTTT_CONTENT_SECURITY_POLICY
        header = "Content-Security-Policy-Report-Only" if settings.DEBUG else "Content-Security-Policy"
        if policy and header not in response:
            response[header] = policy
        return response
