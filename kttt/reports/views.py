"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def report_page(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Reports"})


def download(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Download"})
