"""Pages that belong to no domain app: the home page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """Officers start on the dashboard; everyone else on the public one."""
    if request.user.is_authenticated:
        return redirect("indicators:dashboard")
    return redirect("indicators:public")


@login_not_required
@require_safe
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For monitoring (docs/deployment.md): 200 when the application answers and reaches its database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("Không kết nối được cơ sở dữ liệu.\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
