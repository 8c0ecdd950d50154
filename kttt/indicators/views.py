"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def dashboard(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Dashboard"})


@login_not_required
def public(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Public statistics"})
