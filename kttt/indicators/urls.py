from django.urls import path

from kttt.indicators import views

app_name = "indicators"
urlpatterns = [
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("cong-khai/", views.public, name="public"),
]
