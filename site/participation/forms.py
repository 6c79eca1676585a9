"""The forms residents and staff fill in: an idea, a ballot (with the eligibility
declaration), a paper ballot, a reserve draw. Validation of the rules is the services' job;
these bound the input and name the fields."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kopiena.portal.forms import PortalFormMixin

from .models import Channel, CodeChannel, Idea


class IdeaForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should be done, where, and who will benefit."),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None)
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (EUR)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text=_("No more than the category's money; the municipality will check it."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG or PNG of the place, up to 5 MB."),
    )
    photo_consent = forms.ChoiceField(
        label=_("People in the photo"),
        required=False,
        choices=[
            ("", "—"),
            ("not_needed", _("Nobody can be recognised in it")),
            ("adult", _("The people in it agreed to it being shown")),
        ],
        help_text=_("A photo is shown only with one of these answers."),
    )

    MAX_PHOTO_BYTES = 5 * 1024 * 1024

    def clean(self):
        data = super().clean()
        photo = data.get("photo")
        if photo:
            if photo.size > self.MAX_PHOTO_BYTES:
                self.add_error("photo", _("The photo is larger than 5 MB."))
            if not data.get("photo_consent"):
                self.add_error(
                    "photo_consent", _("Say whether people can be recognised in the photo.")
                )
        return data

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["theme"].queryset = process.themes.all()
        self.fields["category"].queryset = process.categories.all()
        self.fields["theme"].label_from_instance = lambda t: t.display_name
        self.fields["category"].label_from_instance = lambda c: c.display_name


class IdeaChangeForm(IdeaForm):
    """The author's change of a returned idea (the photo stays as it was)."""

    field_order = [
        "title",
        "description",
        "theme",
        "category",
        "estimated_cost",
        "latitude",
        "longitude",
        "note",
    ]
    note = forms.CharField(
        label=_("What you changed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The municipality reads it with the changed idea."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photo"]
        del self.fields["photo_consent"]


class StaffIdeaForm(IdeaForm):
    author_name = forms.CharField(label=_("The idea is from"), max_length=200)
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (Channel.PAPER, Channel.PAPER.label),
            (Channel.SUPPORT_POINT, Channel.SUPPORT_POINT.label),
        ],
    )


class EligibilityForm(PortalFormMixin, forms.Form):
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1900, max_value=2100)
    resident = forms.BooleanField(
        label=_("I declare that I live in this municipality"), required=False
    )


PERSON_CODE_HELP = _(
    "Each person votes once, online or on paper; to check that, only an irreversible "
    "fingerprint of the code is kept, never the code itself."
)


class BallotForm(EligibilityForm):
    """The projects on the ballot, as checkboxes grouped by category in the template; the
    personal code (asked with the first ballot) and, when the process asks for one, the
    verification code. Whether they are needed is the service's decision."""

    person_code = forms.CharField(
        label=_("Personal code"),
        max_length=20,
        required=False,
        help_text=PERSON_CODE_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    verification_code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        required=False,
        help_text=_("The code handed out at a support point or sent to you by post."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    ideas = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Idea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, process, first_ballot=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = Idea.objects.filter(process=process).on_ballot()
        self.fields["person_code"].required = first_ballot
        self.fields["verification_code"].required = first_ballot and process.requires_code


class PaperBallotForm(BallotForm):
    field_order = ["person_code", "verification_code", "ideas", "birth_year", "resident"]

    person_code = forms.CharField(
        label=_("Voter's personal code"),
        max_length=20,
        help_text=PERSON_CODE_HELP,
    )
    verification_code = forms.CharField(
        label=_("Verification code (if the voter brought one)"),
        max_length=20,
        required=False,
        help_text=_("It is used up so that it cannot open a second ballot online."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verification_code"].required = False


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=500, initial=20)
    channel = forms.ChoiceField(label=_("Handed out"), choices=CodeChannel.choices)


class ReserveDrawForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    reason = forms.CharField(label=_("Why the cost rose"), max_length=2000, widget=forms.Textarea)
