from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoDataConfig(AppConfig):
    """The demo's content and accounts (``manage.py load_demo``) and the scale generator
    behind the benchmarks (``manage.py generate_scale_data``). Not part of the plugin."""

    name = "demo.data"
    label = "demo_data"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Demo data")
