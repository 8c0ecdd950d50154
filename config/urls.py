from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "KTTT — Quản trị hệ thống kinh tế tập thể"
admin.site.site_title = "KTTT"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("", include("kttt.web.urls")),
    path("", include("kttt.indicators.urls")),
    path("", include("kttt.registry.urls")),
    path("", include("kttt.annual.urls")),
    path("", include("kttt.reports.urls")),
    path("", include("kttt.plans.urls")),
    path("admin/", admin.site.urls),
]
