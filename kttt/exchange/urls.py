from django.urls import path

from kttt.exchange import template_views, views

app_name = "exchange"
urlpatterns = [
    path("nhap-du-lieu/", views.upload, name="upload"),
    path("nhap-du-lieu/<int:pk>/", views.log_detail, name="log"),
    path("mau-nhap-lieu/", template_views.template_list, name="templates"),
    path("mau-nhap-lieu/<str:kind>/", template_views.template_download, name="template"),
    path("xuat-so-lieu/", template_views.export_annual, name="export_annual"),
    path("xuat-du-lieu/<str:kind>/", template_views.export_records, name="export_records"),
]
