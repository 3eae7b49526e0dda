from django.apps import AppConfig


class BaselinePagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "baseline_pages"
