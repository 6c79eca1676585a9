"""The portal's URLs, mounted at ``/portal/`` by ``demo.urls`` (outside the per-language
page patterns: the language comes from the switch, Latvian by default). Ids are digits
only, so a garbage id is a 404 before any view runs."""

from django.urls import path, register_converter

from .views import accounts, applications, calls, conversation, dashboard, organisations, tokens
from .views.common import latvian_by_default

app_name = "portal"


class IdConverter:
    """Up to 18 digits: a longer number cannot be a row id, and would overflow the
    database's integer before the lookup could answer 404."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "portal_id")


def _path(route, view, name):
    return path(route, latvian_by_default(view), name=name)


urlpatterns = [
    _path("", dashboard.dashboard, "dashboard"),
    # accounts
    _path("signup/", accounts.signup, "signup"),
    _path("signup/sent/", accounts.signup_sent, "signup_sent"),
    _path("signup/resend/", accounts.signup_resend, "signup_resend"),
    _path("signup/confirm/<uidb64>/<token>/", accounts.signup_confirm, "signup_confirm"),
    _path("login/", accounts.LoginView.as_view(), "login"),
    _path("logout/", accounts.LogoutView.as_view(), "logout"),
    _path("password-reset/", accounts.PasswordResetView.as_view(), "password_reset"),
    _path("password-reset/sent/", accounts.PasswordResetDoneView.as_view(), "password_reset_done"),
    _path(
        "password-reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        "password_reset_confirm",
    ),
    _path(
        "password-reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        "password_reset_complete",
    ),
    _path("account/tokens/", tokens.token_list, "tokens"),
    _path("account/tokens/<portal_id:pk>/revoke/", tokens.token_revoke, "token_revoke"),
    _path("invitations/<str:token>/", accounts.invitation, "invitation"),
    _path("invitations/<str:token>/signup/", accounts.invitation_signup, "invitation_signup"),
    # organisations
    _path("organisations/", organisations.organisation_list, "organisation_list"),
    _path("organisations/new/", organisations.organisation_create, "organisation_create"),
    _path(
        "organisations/<portal_id:pk>/", organisations.organisation_detail, "organisation_detail"
    ),
    _path(
        "organisations/<portal_id:pk>/edit/", organisations.organisation_edit, "organisation_edit"
    ),
    _path(
        "organisations/<portal_id:pk>/invite/",
        organisations.organisation_invite,
        "organisation_invite",
    ),
    _path(
        "organisations/<portal_id:pk>/invitations/<portal_id:invitation_pk>/revoke/",
        organisations.invitation_revoke,
        "invitation_revoke",
    ),
    _path(
        "organisations/<portal_id:pk>/members/<portal_id:membership_pk>/remove/",
        organisations.member_remove,
        "member_remove",
    ),
    # calls and applications
    _path("calls/", calls.call_list, "call_list"),
    _path("calls/<portal_id:pk>/apply/", applications.application_create, "application_create"),
    _path("applications/", applications.application_list, "application_list"),
    _path("applications/<portal_id:pk>/", applications.application_detail, "application_detail"),
    _path("applications/<portal_id:pk>/edit/", applications.application_edit, "application_edit"),
    _path(
        "applications/<portal_id:pk>/withdraw/",
        applications.application_withdraw,
        "application_withdraw",
    ),
    _path("applications/<portal_id:pk>/report/", applications.report, "report"),
    _path(
        "applications/<portal_id:pk>/messages/",
        conversation.message_create,
        "message_create",
    ),
    _path(
        "applications/<portal_id:pk>/attachments/",
        applications.attachment_upload,
        "attachment_upload",
    ),
    _path("attachments/<portal_id:pk>/", applications.attachment_download, "attachment_download"),
    _path(
        "attachments/<portal_id:pk>/delete/", applications.attachment_delete, "attachment_delete"
    ),
]
