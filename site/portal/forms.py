"""The portal's forms. Model forms take their fields, validators and messages from the
grant models (registration number, IBAN, budget-line arithmetic), so the portal and the
admin refuse the same input with the same words."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from kopiena.casework.identifiers import normalize_email
from kopiena.casework.models import Municipality, TargetGroup
from kopiena.casework.throttle import throttled_message
from kopiena.grants.models import (
    Application,
    BudgetCategory,
    BudgetLine,
    MembershipRole,
    Organisation,
)
from kopiena.grants.models.documents import kind_label

from .files import ACCEPT, check_upload
from .models import APPLICATION_KINDS, REPORT_KINDS, AttachmentKind

MONEY = {"max_digits": 12, "decimal_places": 2, "localize": True, "min_value": 0}


def money_widget():
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 10})


class PortalFormMixin:
    """Shared by every portal form: ``error_list()`` feeds the error summary at the top."""

    def error_list(self):
        """``[(anchor id, message)]`` for the summary: field errors link to the field."""
        items = []
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                items += [("", e) for e in errors]
                continue
            anchor = self[name].auto_id if name in self.fields else ""
            items += [(anchor, e) for e in errors]
        return items


# --- accounts -----------------------------------------------------------------------------


class CanonicalEmailField(forms.EmailField):
    """An e-mail address folded (NFKC, stripped, domain in lower case) before it is
    validated, so ``ａｎｎａ＠example.lv`` is ``anna@example.lv`` everywhere."""

    def to_python(self, value):
        return normalize_email(super().to_python(value))


class PasswordPairMixin:
    """Two password fields that must match and pass ``AUTH_PASSWORD_VALIDATORS``, checked
    against ``password_probe()`` (the account as it will be)."""

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.password_probe(cleaned))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


def _password_fields():
    return (
        forms.CharField(
            label=_("Password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_("At least 8 characters, not only digits, not a common password."),
        ),
        forms.CharField(
            label=_("Password again"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class SignUpForm(PortalFormMixin, forms.Form):
    """Sign-up asks no password: whoever opens the link in the mailbox chooses it
    (:class:`ConfirmAccountForm`), so an address cannot be claimed by someone else first."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = CanonicalEmailField(
        label=_("E-mail"),
        max_length=150,
        help_text=_("We send a link to this address; you choose your password when you open it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class ConfirmAccountForm(PasswordPairMixin, PortalFormMixin, forms.Form):
    """The page the confirmation link opens: the name (as typed at sign-up, correctable)
    and the password, chosen by whoever controls the mailbox."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1, password2 = _password_fields()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {"first_name": user.first_name, "last_name": user.last_name})
        super().__init__(*args, **kwargs)

    def password_probe(self, cleaned):
        from django.contrib.auth import get_user_model

        return get_user_model()(
            username=self.user.get_username(),
            email=self.user.email,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )


class InvitationSignUpForm(PasswordPairMixin, PortalFormMixin, forms.Form):
    """Opening an account from an invitation link: the link reached the mailbox, so the
    password is chosen here and the address is the invited one."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        disabled=True,
        help_text=_("The address the invitation was sent to."),
    )
    password1, password2 = _password_fields()

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["email"].initial = invitation.email
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def password_probe(self, cleaned):
        from django.contrib.auth import get_user_model

        return get_user_model()(
            username=self.invitation.email,
            email=self.invitation.email,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )


class LoginForm(PortalFormMixin, AuthenticationForm):
    """Log in with the e-mail address (staff may use their user name); an account whose
    address is not yet confirmed is told so instead of "wrong password"."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _(
            "Confirm your e-mail address first: open the link we sent you when you signed up."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail or user name")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            wait = getattr(self.request, "sign_in_throttled", 0)
            if wait:
                raise forms.ValidationError(throttled_message(wait), code="throttled")
            if self.user_cache is None:
                self._refuse_unconfirmed(username, password)
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def _refuse_unconfirmed(self, username, password):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is not None and not user.is_active and user.check_password(password):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")


class ResendConfirmationForm(PortalFormMixin, forms.Form):
    email = CanonicalEmailField(label=_("E-mail"), max_length=254)


# --- organisations ------------------------------------------------------------------------


class OrganisationForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "registration_number",
            "public_benefit",
            "registered_social_service_provider",
            "municipality",
            "e_address",
            "iban",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off"}
        )
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"


class InvitationForm(PortalFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail of the person to invite"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_("Owners edit the profile and invite others; members work on applications."),
    )


# --- applications -------------------------------------------------------------------------


class ApplicationForm(PortalFormMixin, forms.ModelForm):
    """The applicant's fields. The state, the amounts (sums of the budget lines) and the
    decision are never here."""

    organisation = forms.ModelChoiceField(
        label=_("Applicant organisation"), queryset=None, empty_label=None
    )

    class Meta:
        model = Application
        fields = [
            "organisation",
            "title",
            "summary",
            "municipality",
            "community",
            "target_groups",
            "planned_start",
            "planned_end",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "planned_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]  # an application stays with its organisation
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("name")
        self.fields["summary"].help_text = _("What the project does, for whom and why.")
        for name in ("planned_start", "planned_end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
            #: A draft may leave it empty; the submit check asks for it.
            self.fields[name].needed_to_submit = True


class RequiredDocumentsForm(PortalFormMixin, forms.Form):
    """A file for each kind of document the call requires, sent with the application's own
    form: the NGO attaches them while applying. Optional here (a draft may be saved
    without them); the submit guard names each kind still missing."""

    def __init__(self, *args, kinds=(), attached=(), **kwargs):
        super().__init__(*args, **kwargs)
        attached = list(attached)
        self.kinds = list(kinds)
        for kind in self.kinds:
            field = forms.FileField(
                label=kind_label(kind),
                required=False,
                help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
            field.needed_to_submit = True
            field.attached = [a for a in attached if a.kind == kind]
            self.fields[f"document_{kind}"] = field

    def clean(self):
        data = super().clean()
        for kind in self.kinds:
            name = f"document_{kind}"
            upload = data.get(name)
            if upload:
                try:
                    check_upload(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return data

    def rows(self):
        """``(bound field, files already attached of its kind, the submit guard's messages
        for it)`` per required kind."""
        refusal = getattr(self, "refusal", {}) or {}
        return [
            (
                self[f"document_{kind}"],
                self.fields[f"document_{kind}"].attached,
                refusal.get(f"document_{kind}", []),
            )
            for kind in self.kinds
        ]

    def uploads(self) -> list[tuple[str, object]]:
        """``(kind, file)`` for each file chosen."""
        return [
            (kind, self.cleaned_data[f"document_{kind}"])
            for kind in self.kinds
            if self.cleaned_data.get(f"document_{kind}")
        ]


class BudgetLineForm(PortalFormMixin, forms.ModelForm):
    quantity = forms.DecimalField(
        label=_("Quantity"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        min_value=0,
        widget=money_widget(),
    )
    unit_cost = forms.DecimalField(label=_("Unit cost (EUR)"), **MONEY, widget=money_widget())
    requested = forms.DecimalField(
        label=_("Requested (EUR)"), initial=0, **MONEY, widget=money_widget()
    )
    own = forms.DecimalField(
        label=_("Own contribution (EUR)"), initial=0, **MONEY, widget=money_widget()
    )

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "quantity", "unit", "unit_cost", "requested", "own"]
        widgets = {"unit": forms.TextInput(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = BudgetCategory.choices
        self.fields["unit"].help_text = ""


class BaseBudgetFormSet(BaseInlineFormSet):
    def error_list(self):
        """``[(anchor id, message)]`` of every line's errors and the formset's own."""
        items = [("budget-lines", e) for e in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            if self.can_delete and self._should_delete_form(form):
                continue
            for name, errors in form.errors.items():
                anchor = form[name].auto_id if name in form.fields else f"line-{form.prefix}"
                for error in errors:
                    items.append(
                        (anchor, _("Budget line %(n)d: %(e)s") % {"n": number, "e": error})
                    )
        return items


def _budget_formset(extra):
    return inlineformset_factory(
        Application,
        BudgetLine,
        form=BudgetLineForm,
        formset=BaseBudgetFormSet,
        extra=extra,
        can_delete=True,
        max_num=60,
        validate_max=True,
        absolute_max=100,
    )


BudgetLineFormSet = _budget_formset(0)
#: For an application without lines: one blank line to fill in (also without JavaScript).
BudgetLineFormSetWithBlank = _budget_formset(1)


def budget_formset(data=None, *, instance, prefix):
    has_lines = instance.pk is not None and instance.budget_lines.exists()
    formset_class = BudgetLineFormSet if has_lines else BudgetLineFormSetWithBlank
    return formset_class(data, instance=instance, prefix=prefix)


class WithdrawForm(PortalFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Why do you withdraw? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- report -------------------------------------------------------------------------------


class ReportForm(PortalFormMixin, forms.Form):
    """The report: an actual amount (and an optional explanation) per budget line beside
    the plan, then the narrative. Built from the application's budget lines."""

    narrative = forms.CharField(
        label=_("What the project did"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    participants_reached = forms.IntegerField(
        label=_("Participants reached"), required=False, min_value=0, max_value=10_000_000
    )
    #: Evidence travels with the report's own form: attaching it saves what was typed too,
    #: and a refusal shows the form again with everything typed still in it.
    evidence = forms.FileField(
        label=_("Attach evidence (receipt, photo, list of participants)"),
        help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_upload(upload)
        return upload

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["narrative"].needed_to_submit = True
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"actual_{line.pk}"] = forms.DecimalField(
                label=_("Actual spending on “%(line)s” (EUR)") % {"line": line.description},
                required=False,
                widget=money_widget(),
                **MONEY,
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Explanation for “%(line)s”") % {"line": line.description},
                required=False,
                max_length=2000,
            )

    def rows(self):
        """``(line, actual field, note field)`` per budget line, in budget order."""
        return [(line, self[f"actual_{line.pk}"], self[f"note_{line.pk}"]) for line in self.lines]

    def actuals(self) -> dict:
        data = self.cleaned_data
        return {
            line.pk: (data[f"actual_{line.pk}"], data.get(f"note_{line.pk}", ""))
            for line in self.lines
            if data.get(f"actual_{line.pk}") is not None
        }


class AttachmentForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, for_report=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = REPORT_KINDS if for_report else APPLICATION_KINDS
        labels = dict(AttachmentKind.choices)
        self.fields["kind"].choices = [(k.value, labels[k]) for k in kinds]
        self.for_report = for_report

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        check_upload(upload)
        return upload
