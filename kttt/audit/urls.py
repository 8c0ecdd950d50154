from django.urls import path

from kttt.audit import views

app_name = "audit"
urlpatterns = [
    path("nhat-ky/", views.entry_list, name="list"),
]
