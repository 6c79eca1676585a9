from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Surveys, indicators, dashboards and the annual report.

    Indicators come from providers registered in :mod:`kopiena.monitoring.registry`; this app
    registers those of grants, community work and its own surveys here. Another app (the
    social map, the participatory budget) registers its own provider from its ``ready()``
    when monitoring is installed: monitoring never imports it.
    """

    name = "kopiena.monitoring"
    label = "kopiena_monitoring"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Monitoring")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import checks, roles  # noqa: F401 - the regional coordinator role, system checks
        from .models import AnnualReport, Survey
        from .permissions import AnnualReportPermissionPolicy, SurveyPermissionPolicy
        from .providers import register_builtin_providers

        register_permission_policy(Survey, SurveyPermissionPolicy(Survey))
        register_permission_policy(AnnualReport, AnnualReportPermissionPolicy(AnnualReport))
        register_builtin_providers()
