"""The small form each action shows: only the inputs that action takes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .workflow import AMOUNT, COMMENT, INTERNAL_COMMENT, ActionInfo, TransitionInput


class TransitionForm(forms.Form):
    """Built from an :class:`~casework.workflow.ActionInfo`; ``to_input()`` gives the
    service what it needs. Required inputs are checked again by the service (one place of
    truth); the form marks them required so the browser and the page say so up front."""

    def __init__(self, *args, action: ActionInfo, comment_audience=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if COMMENT in action.inputs:
            self.fields[COMMENT] = forms.CharField(
                label=action.comment_label or _("Comment"),
                required=COMMENT in action.required,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=comment_audience or _("The applicant sees this."),
            )
        if INTERNAL_COMMENT in action.inputs:
            self.fields[INTERNAL_COMMENT] = forms.CharField(
                label=_("Internal comment"),
                required=INTERNAL_COMMENT in action.required,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Only staff see this."),
            )
        if AMOUNT in action.inputs:
            self.fields[AMOUNT] = forms.DecimalField(
                label=_("Amount (EUR)"),
                required=AMOUNT in action.required,
                max_digits=12,
                decimal_places=2,
                min_value=0,
                localize=True,
            )

    def to_input(self, **extra) -> TransitionInput:
        data = self.cleaned_data
        return TransitionInput(
            comment=data.get(COMMENT, "") or "",
            internal_comment=data.get(INTERNAL_COMMENT, "") or "",
            amount=data.get(AMOUNT),
            extra=extra,
        )

    def add_refusal(self, errors: dict[str, list[str]]) -> None:
        """Put the service's field messages on the matching fields (others on the form)."""
        for name, messages in errors.items():
            field = name if name in self.fields else None
            for message in messages:
                self.add_error(field, message)
