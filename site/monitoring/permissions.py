"""Who may change what, per record: the admin's permission policies of surveys and annual
reports, registered in ``MonitoringConfig.ready()`` (Django model permissions, granted by
``migrations/0002_roles``, plus the rules below)."""

from wagtail.permission_policies import ModelPermissionPolicy

from .models.reports import ReportStatus, may_write
from .models.surveys import SurveyStatus, may_run


class SurveyPermissionPolicy(ModelPermissionPolicy):
    """Changed by those who may run it; deleted only while a draft (answers are kept)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return may_run(instance, user)
        if action == "delete":
            return instance.status == SurveyStatus.DRAFT and may_run(instance, user)
        return True


class AnnualReportPermissionPolicy(ModelPermissionPolicy):
    """Its writers change a report until it is published and delete it while a draft."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return instance.status != ReportStatus.PUBLISHED and may_write(instance, user)
        if action == "delete":
            return instance.status == ReportStatus.DRAFT and may_write(instance, user)
        return True
