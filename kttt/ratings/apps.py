from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "kttt.ratings"
    verbose_name = "Xếp loại hợp tác xã"
