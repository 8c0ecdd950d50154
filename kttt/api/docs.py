"""The API's documentation page: server-rendered, in Vietnamese, with no script (the site's CSP allows none
from elsewhere), next to the OpenAPI document it links to."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


@login_not_required
def docs(request: HttpRequest) -> HttpResponse:
    context = {
        "base": request.build_absolute_uri(reverse("api:organisations")).removesuffix("organisations/"),
        "page_size": settings.REST_FRAMEWORK["PAGE_SIZE"],
        "anon_rate": settings.KTTT_API_ANON_RATE,
        "user_rate": settings.KTTT_API_USER_RATE,
        "province": settings.KTTT_DEFAULT_PROVINCE,
    }
    return render(request, "api/docs.html", context)
