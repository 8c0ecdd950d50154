from django.apps import AppConfig


class RankingConfig(AppConfig):
    name = "kttt.ranking"
    verbose_name = "Mô hình hiệu quả"
