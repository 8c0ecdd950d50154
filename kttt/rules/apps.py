from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "kttt.rules"
    verbose_name = "Quy định pháp luật"
