from django.urls import path

from kttt.annual import views

app_name = "annual"
urlpatterns = [
    path("to-chuc/<int:pk>/so-lieu/<int:year>/", views.edit_figures, name="edit"),
    path("to-chuc/<int:pk>/so-lieu/<int:year>/tinh-trang/", views.step, name="step"),
]
