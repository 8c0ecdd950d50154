"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "New organisation"})


def edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Edit organisation"})
