"""Pages that belong to no domain app: the home page."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """Officers start on the dashboard; everyone else on the public one."""
    if request.user.is_authenticated:
        return redirect("indicators:dashboard")
    return redirect("indicators:public")
