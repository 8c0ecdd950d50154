from django.urls import path

from kttt.registry import editing, views

app_name = "registry"
urlpatterns = [
    path("to-chuc/", views.organisation_list, name="list"),
    path("to-chuc/xuat/", views.export, name="export"),
    path("to-chuc/them/", editing.create, name="create"),
    path("to-chuc/<int:pk>/", views.detail, name="detail"),
    path("to-chuc/<int:pk>/sua/", editing.edit, name="edit"),
    path("cong-khai/danh-ba/", views.directory, name="directory"),
]
