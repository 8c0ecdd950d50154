from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from kttt.api import aggregates, docs, organisations

app_name = "api"
urlpatterns = [
    path("docs/", docs.docs, name="docs"),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/<str:code>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<str:code>/figures/<int:year>/", organisations.figures, name="figures"),
    path("organisations/<str:code>/figures/<int:year>/<str:step>/", organisations.figures_step, name="figures_step"),
    path("indicators/", aggregates.indicators, name="indicators"),
    path("reporting/", aggregates.reporting, name="reporting"),
    path("plans/", aggregates.plan_list, name="plans"),
    path("plans/<int:pk>/", aggregates.plan_detail, name="plan"),
    path("reports/", aggregates.report, name="reports"),
]
