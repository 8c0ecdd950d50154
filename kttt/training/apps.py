from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "kttt.training"
    verbose_name = "Đào tạo cán bộ chủ chốt"
