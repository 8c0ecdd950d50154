"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def organisation_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Organisations"})


def export(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Export"})


def detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Organisation"})


@login_not_required
def directory(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Public directory"})
