"""The rules that refuse a step with a message, field by field: what the transition service
asks :meth:`Application.transition_errors` inside its transaction, after the row lock."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_DOWN

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from kopiena.casework.workflow import AMOUNT

from ..money import format_eur, format_percent
from .application_rules import (
    S,
)
from .budget_lines import BudgetCategory
from .calls import CENT, ZERO, GrantCall
from .documents import kind_label


class ApplicationGuards:
    """Mixed into :class:`Application`: ``transition_errors`` and a ``_<action>_errors``
    method per guarded action."""

    def transition_errors(self, action, user, inputs):
        """Field-level messages refusing ``action`` (see the ``_<action>_errors`` methods);
        the service calls this inside its transaction after the row lock."""
        check = getattr(self, f"_{action}_errors", None)
        if check is None:
            return {}
        return {field: messages for field, messages in check(user, inputs).items() if messages}

    def _submit_errors(self, user, inputs) -> dict[str, list]:
        errors: dict[str, list] = defaultdict(list)
        call = self.call
        # Only the first submission must be on time: a resubmission after "changes
        # requested" answers the officer and may come after the deadline.
        if self.status == S.DRAFT and not call.is_open():
            if timezone.now() < call.opens_at:
                message = gettext("The call opens on %(date)s (Latvian time).")
                moment = call.opens_at_riga()
            else:
                message = gettext("The call closed on %(date)s (Latvian time).")
                moment = call.closes_at_riga()
            errors["call"].append(message % {"date": date_format(moment, "DATETIME_FORMAT")})

        lines = list(self.budget_lines.all())
        if not lines:
            errors["budget_lines"].append(gettext("Add at least one budget line."))
        for number, line in enumerate(lines, start=1):
            if line.line_total != line.amount:
                errors["budget_lines"].append(
                    gettext("Line %(number)d: %(message)s")
                    % {"number": number, "message": line.total_mismatch_message()}
                )
        if lines:
            self._budget_rule_errors(call, lines, errors)
        self._date_errors(call, errors)

        for kind in self.missing_document_kinds():
            errors[f"document_{kind}"].append(
                gettext("Attach the required document: %(kind)s.") % {"kind": kind_label(kind)}
            )

        organisation = self.organisation
        if not call.accepts_legal_form(organisation.legal_form):
            errors["organisation"].append(
                gettext("Organisations of the legal form “%(form)s” cannot apply to this call.")
                % {"form": organisation.get_legal_form_display()}
            )
        if call.public_benefit_required and not organisation.public_benefit:
            errors["organisation"].append(
                gettext("This call is only for organisations with public-benefit status.")
            )
        if (
            call.social_service_provider_required
            and not organisation.registered_social_service_provider
        ):
            errors["organisation"].append(
                gettext("This call is only for registered social service providers.")
            )
        return errors

    def attached_kinds(self) -> set[str]:
        """The kinds of document attached to the application (the portal stores them;
        without it there are none)."""
        related = getattr(self, "attachments", None)
        if related is None or not self.pk:
            return set()
        return set(related.values_list("kind", flat=True))

    def missing_document_kinds(self) -> list[str]:
        """The call's required kinds of document with no file attached, in the call's
        order. Nothing is required where the portal that stores files is not installed."""
        required = list(self.call.required_document_kinds or [])
        if not required or getattr(self, "attachments", None) is None:
            return []
        attached = self.attached_kinds()
        return [kind for kind in required if kind not in attached]

    def eligibility_checks(self) -> list[dict]:
        """The call's administrative checks, for screening: ``{"key", "label", "ok",
        "notes"}`` each, ``ok`` ``True``/``False`` where the system knows (the submit
        rules, read again now) and ``None`` where a person must look (the documents the
        call lists in words)."""
        errors = self._submit_errors(None, None)
        call = self.call
        checks = []
        attached = self.attached_kinds()
        for kind in call.required_document_kinds or []:
            checks.append(
                {
                    "key": f"document_{kind}",
                    "label": gettext("Required document: %(kind)s") % {"kind": kind_label(kind)},
                    "ok": kind in attached,
                    "notes": [] if kind in attached else [gettext("No file of this kind.")],
                }
            )
        listed = call.required_documents_list()
        if listed:
            checks.append(
                {
                    "key": "documents_listed",
                    "label": gettext("Documents the call lists"),
                    "ok": None,
                    "notes": listed,
                }
            )
        if not checks:
            checks.append(
                {
                    "key": "documents",
                    "label": gettext("Required documents"),
                    "ok": True,
                    "notes": [gettext("The call requires none.")],
                }
            )
        organisation = self.organisation
        checks.append(
            {
                "key": "organisation",
                "label": gettext("Organisation eligible (%(form)s, %(number)s)")
                % {
                    "form": organisation.get_legal_form_display(),
                    "number": organisation.registration_number,
                },
                "ok": not errors.get("organisation"),
                "notes": list(errors.get("organisation", [])),
            }
        )
        budget = [*errors.get("budget_lines", []), *errors.get("requested_amount", [])]
        checks.append(
            {
                "key": "budget",
                "label": gettext("Budget rules met (grant limits, co-financing, infrastructure)"),
                "ok": not budget,
                "notes": budget,
            }
        )
        period = [*errors.get("planned_start", []), *errors.get("planned_end", [])]
        checks.append(
            {
                "key": "period",
                "label": gettext("Project period within the call's longest duration"),
                "ok": not period,
                "notes": period,
            }
        )
        return checks

    def _budget_rule_errors(self, call, lines, errors) -> None:
        requested = sum((line.requested for line in lines), ZERO)
        total = sum((line.amount for line in lines), ZERO)
        if requested > call.max_grant:
            errors["requested_amount"].append(
                gettext(
                    "The requested amount (%(amount)s) is above the call's maximum grant (%(max)s)."
                )
                % {"amount": format_eur(requested), "max": format_eur(call.max_grant)}
            )
        if requested < call.min_grant:
            errors["requested_amount"].append(
                gettext(
                    "The requested amount (%(amount)s) is below the call's minimum grant (%(min)s)."
                )
                % {"amount": format_eur(requested), "min": format_eur(call.min_grant)}
            )
        # Exact comparison: 90 % of 333.33 is 299.997, so 299.99 passes and 300.00 does not.
        if requested > call.funding_rate * total:
            errors["requested_amount"].append(
                gettext(
                    "The call pays at most %(rate)s of the total cost, i.e. %(limit)s; "
                    "increase your own contribution."
                )
                % {
                    "rate": format_percent(call.funding_rate),
                    "limit": format_eur((call.funding_rate * total).quantize(CENT, ROUND_DOWN)),
                }
            )
        # Infrastructure counts with its co-financing: the share is of the project's cost.
        infrastructure = sum(
            (line.amount for line in lines if line.category == BudgetCategory.INFRASTRUCTURE),
            ZERO,
        )
        if infrastructure > call.infrastructure_share * total:
            errors["budget_lines"].append(
                gettext(
                    "Infrastructure costs (%(amount)s) exceed %(share)s of the total cost "
                    "(at most %(limit)s)."
                )
                % {
                    "amount": format_eur(infrastructure),
                    "share": format_percent(call.infrastructure_share),
                    "limit": format_eur(
                        (call.infrastructure_share * total).quantize(CENT, ROUND_DOWN)
                    ),
                }
            )

    def _date_errors(self, call, errors) -> None:
        if not self.planned_start:
            errors["planned_start"].append(gettext("Enter the planned start date."))
        if not self.planned_end:
            errors["planned_end"].append(gettext("Enter the planned end date."))
        if self.planned_start and self.planned_end:
            if self.planned_end < self.planned_start:
                errors["planned_end"].append(gettext("The project must end after it starts."))
            elif self.duration_months() > call.max_duration_months:
                errors["planned_end"].append(
                    gettext("The project runs %(months)d months; the call allows at most %(max)d.")
                    % {"months": self.duration_months(), "max": call.max_duration_months}
                )

    def _start_review_errors(self, user, inputs):
        if not self.reviews.without_conflict().exists():
            message = gettext("Assign at least one reviewer without a conflict of interest.")
            return {"reviews": [message]}
        return {}

    def _review_count_errors(self) -> list:
        done = self.reviews.completed().count()
        required = self.required_reviews
        if done >= required:
            return []
        message = gettext("%(done)d of the %(required)d required reviews are completed.") % {
            "done": done,
            "required": required,
        }
        if self.version > 1:
            message += " " + gettext(
                "Reviews of an earlier version do not count; the reviewers score version "
                "%(version)d."
            ) % {"version": self.version}
        return [message]

    def _recommend_errors(self, user, inputs):
        errors = self._review_count_errors()
        return {"reviews": errors} if errors else {}

    def _approve_budget_errors(self, user, inputs):
        amount = inputs.amount
        if amount is None:
            return {}  # the service reports the missing amount
        stale = self.reviews.filter(earlier_version__isnull=False, completed_at__isnull=True)
        if stale.exists():
            # Recommended on reviews of an earlier version: they do not carry a new amount.
            return {
                "reviews": [
                    gettext(
                        "Reviews of an earlier version are not yet done again for version "
                        "%(version)d; the budget cannot be approved on them."
                    )
                    % {"version": self.version}
                ]
            }
        if amount <= 0:
            return {AMOUNT: [gettext("The amount must be greater than zero.")]}
        if amount > self.requested_amount:
            return {
                AMOUNT: [
                    gettext(
                        "The approved amount cannot exceed the amount requested (%(requested)s)."
                    )
                    % {"requested": format_eur(self.requested_amount)}
                ]
            }
        # Lock the call's row for the rest of the transaction: approvals of the same call
        # queue here, and each computes the committed total after the previous one commits.
        call = GrantCall.objects.select_for_update(of=("self",)).get(pk=self.call_id)
        remaining = call.remaining_budget
        if amount > remaining:
            return {
                AMOUNT: [
                    gettext(
                        "The call has %(remaining)s left (budget %(budget)s, reserve "
                        "%(reserve)s, committed %(committed)s)."
                    )
                    % {
                        "remaining": format_eur(max(remaining, ZERO)),
                        "budget": format_eur(call.total_budget),
                        "reserve": format_eur(call.reserve),
                        "committed": format_eur(call.available_budget - remaining),
                    }
                ]
            }
        return {}

    def _submit_report_errors(self, user, inputs):
        report = getattr(self, "report", None)  # RelatedObjectDoesNotExist is an AttributeError
        if report is None:
            return {"report": [gettext("Write the report before submitting it.")]}
        errors: dict[str, list] = defaultdict(list)
        if not self.final_report_open():
            errors["report"].append(
                gettext(
                    "The final report opens on %(date)s, the project's planned end. If the "
                    "project ended earlier, ask the grant officer to allow an early report."
                )
                % {"date": date_format(self.planned_end, "DATE_FORMAT")}
            )
        if not report.narrative.strip():
            errors["narrative"].append(gettext("Describe what the project did."))
        missing = report.missing_lines()
        if missing:
            errors["report_lines"].append(
                gettext("Enter the actual spending for every budget line; missing: %(lines)s.")
                % {"lines": "; ".join(line.description for line in missing)}
            )
        for row in report.lines_needing_justification():
            errors["report_lines"].append(
                gettext(
                    "“%(line)s”: %(actual)s spent against %(planned)s approved, more than "
                    "%(tolerance)s over; explain this line."
                )
                % {
                    "line": row.budget_line.description,
                    "actual": format_eur(row.actual_amount),
                    "planned": format_eur(row.planned_amount),
                    "tolerance": format_percent(self.call.overspend_tolerance),
                }
            )
        return errors

    def report_facts(self) -> list[tuple[str, str]]:
        """Planned against actual per budget line, then the totals: what the officer
        accepts or returns a report on."""
        report = getattr(self, "report", None)
        if report is None:
            return []
        tolerance = self.call.overspend_tolerance
        facts = []
        for row in report.line_rows():
            text = gettext(
                "planned %(planned)s · actual %(actual)s · difference %(difference)s"
            ) % {
                "planned": format_eur(row.planned),
                "actual": format_eur(row.actual_amount),
                "difference": ("+" if row.difference > 0 else "") + format_eur(row.difference),
            }
            if row.exceeds_tolerance(tolerance):
                text += " — " + gettext("more than %(tolerance)s over") % {
                    "tolerance": format_percent(tolerance)
                }
                if row.comment.strip():
                    text += "\n" + gettext("Explanation: %(comment)s") % {"comment": row.comment}
            facts.append((row.budget_line.description, text))
        facts += [
            (gettext("Planned in total"), format_eur(report.planned_total)),
            (gettext("Actual in total"), format_eur(report.actual_total)),
            (gettext("Overspend on lines, in total"), format_eur(report.overspend_total)),
        ]
        return facts
