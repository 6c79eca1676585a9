"""Sign-up with e-mail confirmation, log in/out and password reset (Django's auth views with
portal templates), and the invitation link."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopiena.casework import throttle

from .. import services
from ..forms import (
    ConfirmAccountForm,
    InvitationSignUpForm,
    LoginForm,
    ResendConfirmationForm,
    SignUpForm,
)
from ..models import Invitation
from ..tokens import activation_token

BACKEND = "kopiena.casework.throttle.ThrottledModelBackend"


def _next_url(request, default):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def limit_mail_sending(view):
    """POSTs that send an e-mail are limited per address (``casework.throttle``): past the
    limit the page says when to try again, with 429, and nothing is sent."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            wait = throttle.take(request, "mail")
            if wait:
                return render(
                    request,
                    "kopiena_portal/accounts/too_many_requests.html",
                    {"minutes": throttle.minutes_to_wait(wait)},
                    status=429,
                )
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
@limit_mail_sending
def signup(request):
    """The same answer whether the address is new, pending or taken (``services.register``
    sends the right e-mail), so the form tells no one who has an account."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            request=request,
        )
        request.session["portal_signup_email"] = data["email"]
        return redirect("portal:signup_sent")
    return render(request, "kopiena_portal/accounts/signup.html", {"form": form})


def signup_sent(request):
    return render(
        request,
        "kopiena_portal/accounts/signup_sent.html",
        {"email": request.session.get("portal_signup_email", "")},
    )


@require_http_methods(["GET", "POST"])
def signup_confirm(request, uidb64, token):
    """The link in the confirmation e-mail: whoever opens it chooses the password. A GET
    changes nothing (mail scanners open links), the POST activates the account."""
    User = get_user_model()
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
        user = User.objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or user.is_active or not activation_token.check_token(user, token):
        return render(request, "kopiena_portal/accounts/signup_invalid.html", status=400)
    form = ConfirmAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.confirm_account(
            user,
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        login(request, user, backend=BACKEND)
        messages.success(request, _("Your e-mail address is confirmed and you are logged in."))
        return redirect("portal:dashboard")
    return render(
        request, "kopiena_portal/accounts/signup_confirm.html", {"form": form, "email": user.email}
    )


@require_http_methods(["GET", "POST"])
@limit_mail_sending
def signup_resend(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.find_user_by_email(form.cleaned_data["email"])
        if user is not None and not user.is_active and user.last_login is None:
            services.send_confirmation(user, request)
        # The same answer whether or not there is such an account.
        request.session["portal_signup_email"] = form.cleaned_data["email"]
        return redirect("portal:signup_sent")
    return render(request, "kopiena_portal/accounts/signup_resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "kopiena_portal/accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("portal:dashboard")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


@method_decorator(limit_mail_sending, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "kopiena_portal/accounts/password_reset.html"
    email_template_name = "kopiena_portal/email/password_reset.txt"
    subject_template_name = "kopiena_portal/email/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "kopiena_portal/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "kopiena_portal/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "kopiena_portal/accounts/password_reset_complete.html"


# --- invitations --------------------------------------------------------------------------


def _invitation_or_404(token) -> Invitation:
    invitation = Invitation.objects.for_token(token)
    if invitation is None:
        raise Http404
    return invitation


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in the invitation e-mail: accept it (signed in) or choose to log in or to
    open an account."""
    invitation = _invitation_or_404(token)
    user = request.user
    error = ""
    if user.is_authenticated:
        if services.is_staff_account(user):
            error = _("Staff accounts cannot act for an organisation.")
        elif not services.invitation_email_matches(invitation, user):
            error = _(
                "This invitation was sent to %(email)s, but you are logged in as %(current)s. "
                "Log out and log in (or sign up) with the invited address."
            ) % {"email": invitation.email, "current": user.email or user.get_username()}
        if request.method == "POST" and not error:
            try:
                services.accept_invitation(invitation, user)
            except (PermissionDenied, ValidationError) as exc:
                error = " ".join(getattr(exc, "messages", [str(exc)]))
            else:
                messages.success(
                    request,
                    _("You are now a member of %(organisation)s.")
                    % {"organisation": invitation.organisation},
                )
                return redirect("portal:organisation_detail", invitation.organisation_id)
    account_exists = services.find_user_by_email(invitation.email) is not None
    return render(
        request,
        "kopiena_portal/accounts/invitation.html",
        {
            "invitation": invitation,
            "token": token,
            "error": error,
            "account_exists": account_exists,
            "login_url": f"{reverse('portal:login')}?next={request.path}",
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_signup(request, token):
    """Open an account from an invitation: the address is the invited one and is confirmed
    by the link itself, so the account is active at once and joins the organisation."""
    invitation = _invitation_or_404(token)
    if request.user.is_authenticated:
        return redirect("portal:invitation", token)
    if services.find_user_by_email(invitation.email) is not None:
        messages.info(request, _("You already have an account: log in to accept the invitation."))
        return redirect(
            f"{reverse('portal:login')}?next={reverse('portal:invitation', args=[token])}"
        )
    form = InvitationSignUpForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.register_invited(
                invitation,
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Welcome! You are now a member of %(organisation)s.")
                % {"organisation": invitation.organisation},
            )
            return redirect("portal:organisation_detail", invitation.organisation_id)
    return render(
        request,
        "kopiena_portal/accounts/invitation_signup.html",
        {"form": form, "invitation": invitation},
    )
