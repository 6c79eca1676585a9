"""Named reads of the grant models (CONVENTIONS 6): the admin, the portal and the API list
with these and never build their own filters for visibility or "waiting for me".

Imports point one way: the models import this module; the querysets reach the other models
through ``apps.get_model`` and relation names only.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from kopiena.grants.roles import Role, has_role

#: Roles of grant staff. Editors, social workers and service heads work elsewhere and see
#: applications only if they are members of the organisation.
GRANT_STAFF_ROLES = (Role.GRANT_OFFICERS, Role.REVIEWERS, Role.FINANCE)
#: Grant staff who see every application and its internal comments; reviewers see only
#: what is assigned to them (``ApplicationQuerySet.visible_to``).
CASE_OFFICE_ROLES = (Role.GRANT_OFFICERS, Role.FINANCE)


def sees_every_application(user) -> bool:
    """Officers, finance and superusers: the whole case, internal comments included."""
    return _signed_in(user) and (user.is_superuser or has_role(user, *CASE_OFFICE_ROLES))


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _membership_org_ids(user):
    Membership = apps.get_model("kopiena_grants", "Membership")
    return Membership.objects.filter(user=user).values("organisation_id")


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The organisations ``user`` acts for (none for anonymous or inactive users)."""
        if not _signed_in(user):
            return self.none()
        return self.filter(pk__in=_membership_org_ids(user))


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Grant officers, finance and superusers see every application; a reviewer the
        submitted applications assigned to them for which they have not declared a conflict
        (never a draft); anyone else the applications of the organisations they are members
        of. The admin listing, inspect view, downloads and the case API all read this."""
        if not _signed_in(user):
            return self.none()
        if sees_every_application(user):
            return self
        condition = Q(organisation_id__in=_membership_org_ids(user))
        if has_role(user, Role.REVIEWERS):
            from .models.application_rules import ApplicationStatus as S

            assigned = (
                apps.get_model("kopiena_grants", "ReviewAssignment")
                .objects.filter(reviewer=user)
                .without_conflict()
                .values("application_id")
            )
            condition |= Q(pk__in=assigned) & ~Q(status=S.DRAFT)
        return self.filter(condition)

    def for_listing(self):
        """What a list row shows, in a fixed number of queries whatever the page size.

        The completed reviews are counted in a correlated subquery, not a join with
        ``GROUP BY``: the listing's ``count()`` then drops the unused annotation and counts
        the applications alone (the join made the count of 50 000 applications cost more
        than the rest of the page)."""
        reviews = (
            apps.get_model("kopiena_grants", "ReviewAssignment")
            .objects.filter(application=OuterRef("pk"), completed_at__isnull=False)
            .order_by()
            .values("application")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.select_related("call", "organisation", "municipality", "created_by").annotate(
            completed_review_count=Coalesce(Subquery(reviews), 0),
        )

    def committed(self):
        """Applications holding money from their call's budget."""
        from .models.application_rules import COMMITTED_STATES

        return self.filter(status__in=COMMITTED_STATES)

    def awaiting(self, user):
        """The applications whose next step is ``user``'s ("waiting for me"):

        * grant officers: submitted (to screen) and report submitted (to accept);
        * reviewers: in review with their own assignment not yet completed (and no conflict
          declared);
        * finance: recommended (to approve the budget);
        * NGO members: their organisations' applications returned for changes, and approved
          ones whose report is not yet submitted.
        """
        from .models.application_rules import ApplicationStatus as S

        if not _signed_in(user):
            return self.none()
        condition = Q(pk__in=[])
        if has_role(user, Role.GRANT_OFFICERS):
            condition |= Q(status__in=[S.SUBMITTED, S.REPORT_SUBMITTED])
        if has_role(user, Role.REVIEWERS):
            ReviewAssignment = apps.get_model("kopiena_grants", "ReviewAssignment")
            open_assignments = (
                ReviewAssignment.objects.filter(reviewer=user, completed_at__isnull=True)
                .exclude(conflict_declared_at__isnull=False, declared_no_conflict=False)
                .values("application_id")
            )
            condition |= Q(status=S.IN_REVIEW, pk__in=open_assignments)
        if has_role(user, Role.FINANCE):
            condition |= Q(status=S.RECOMMENDED)
        own = Q(organisation_id__in=_membership_org_ids(user))
        condition |= own & (
            Q(status=S.CHANGES_REQUESTED)
            | Q(status=S.APPROVED) & (Q(report__isnull=True) | Q(report__submitted_at__isnull=True))
        )
        return self.filter(condition)


class ReviewAssignmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def with_conflict(self):
        return self.filter(conflict_declared_at__isnull=False, declared_no_conflict=False)

    def without_conflict(self):
        return self.exclude(conflict_declared_at__isnull=False, declared_no_conflict=False)

    def open(self):
        """Not completed and not excluded by a declared conflict: work still to do."""
        return self.without_conflict().filter(completed_at__isnull=True)

    def for_reviewer(self, user):
        return self.filter(reviewer=user) if _signed_in(user) else self.none()


class ReportLineQuerySet(models.QuerySet):
    def with_variance(self):
        """``planned`` (the budget line's requested + own) and ``difference`` (actual −
        planned: positive is overspend, negative underspend) as annotations, for lists and
        exports; ``ReportLine.variance`` is the same for one line in Python."""
        money = models.DecimalField(max_digits=13, decimal_places=2)
        planned = ExpressionWrapper(
            F("budget_line__requested") + F("budget_line__own"), output_field=money
        )
        return self.select_related("budget_line").annotate(
            planned=planned,
            difference=ExpressionWrapper(F("actual_amount") - planned, output_field=money),
        )
