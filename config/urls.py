from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "KTTT — Quản trị hệ thống kinh tế tập thể"
admin.site.site_title = "KTTT"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
