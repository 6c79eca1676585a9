"""Writing the final report. The NGO drafts it while the application is approved (again
after a return); submitting it is the ``submit_report`` transition, which checks it is
complete. Field-level ``ValidationError``s, one transaction, like :mod:`grants.reviews`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Application, ApplicationStatus, Report, ReportLine


def save_report(
    application: Application,
    user,
    *,
    narrative: str = "",
    results: str = "",
    participants_reached: int | None = None,
    actuals: dict | None = None,
) -> Report:
    """Create or update the report of ``application``. ``actuals`` maps a budget line (or
    its pk) to the amount actually spent, or to ``(amount, explanation)``."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.organisation.has_member(user):
            raise PermissionDenied(_("Only members of the organisation write its report."))
        if application.status != ApplicationStatus.APPROVED:
            raise ValidationError(
                {"__all__": [_("The report is written while the application is approved.")]}
            )
        lines = {line.pk: line for line in application.budget_lines.all()}
        errors: dict[str, list[str]] = {}
        parsed = {}
        for key, value in (actuals or {}).items():
            pk = getattr(key, "pk", key)
            amount, note = value if isinstance(value, tuple | list) else (value, "")
            field = f"actual_{pk}"
            if pk not in lines:
                errors["__all__"] = [_("A budget line of another application was given.")]
                continue
            try:
                amount = Decimal(str(amount))
            except (InvalidOperation, ValueError):
                errors[field] = [_("Enter an amount in euros, e.g. 1234.50.")]
                continue
            if amount < 0 or amount != amount.quantize(Decimal("0.01")):
                errors[field] = [_("Enter an amount of zero or more, in euros and cents.")]
                continue
            parsed[pk] = (amount, note or "")
        if participants_reached is not None and participants_reached < 0:
            errors["participants_reached"] = [_("Enter zero or more.")]
        if errors:
            raise ValidationError(errors)

        report, _created = Report.objects.update_or_create(
            application=application,
            defaults={
                "narrative": narrative,
                "results": results,
                "participants_reached": participants_reached,
            },
        )
        for pk, (amount, note) in parsed.items():
            ReportLine.objects.update_or_create(
                report=report,
                budget_line=lines[pk],
                defaults={"actual_amount": amount, "comment": note},
            )
        return report
