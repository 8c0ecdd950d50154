from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "kttt.plans"
    verbose_name = "Kế hoạch và mục tiêu"
