from django.contrib import admin
from django.http import HttpRequest
from django.urls import include, path


def superusers_only(request: HttpRequest) -> bool:
    """Officers work in the web pages; the admin is a tool for system administrators only."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.site_header = "KTTT — Quản trị hệ thống kinh tế tập thể"
admin.site.site_title = "KTTT"
admin.site.index_title = "Quản trị dữ liệu"
admin.site.has_permission = superusers_only  # type: ignore[method-assign]

urlpatterns = [
    path("", include("kttt.web.urls")),
    path("", include("kttt.indicators.urls")),
    path("", include("kttt.registry.urls")),
    path("", include("kttt.annual.urls")),
    path("", include("kttt.reports.urls")),
    path("", include("kttt.plans.urls")),
    path("", include("kttt.exchange.urls")),
    path("", include("kttt.audit.urls")),
    path("api/v1/", include("kttt.api.urls")),
    path("admin/", admin.site.urls),
]
