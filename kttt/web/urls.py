from django.contrib.auth import views as auth_views
from django.urls import path

from kttt.web import views
from kttt.web.login import ThrottledLoginForm

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=ThrottledLoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("suc-khoe/", views.health, name="health"),
]
