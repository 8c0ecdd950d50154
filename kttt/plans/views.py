"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def plan_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Plans"})


def detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Plan"})
