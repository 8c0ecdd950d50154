"""Scaffold views; replaced by the real pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def edit_figures(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return render(request, "web/scaffold.html", {"title": "Yearly figures"})
