from django.urls import path

from kttt.reports import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report_page, name="page"),
    path("bao-cao/tai-ve/", views.download, name="download"),
]
