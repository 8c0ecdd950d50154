from django.urls import path

from kttt.plans import views

app_name = "plans"
urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/<int:pk>/", views.detail, name="detail"),
]
