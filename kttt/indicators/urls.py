from django.urls import path

from kttt.indicators import open_views, views

app_name = "indicators"
urlpatterns = [
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("cong-khai/", views.public, name="public"),
    path("du-lieu-mo/", open_views.open_data, name="open_data"),
    path("du-lieu-mo/<str:dataset>.<str:fmt>", open_views.open_data_file, name="open_data_file"),
]
