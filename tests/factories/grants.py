"""Factories for the grants app: organisations, calls (Wagtail pages), applications with
their budget lines, reviews and reports.

Applications can be built in any status (``ApplicationFactory(status="recommended")``): the
protected state field accepts a value at construction, as the historic import does. Tests
of the lifecycle move them with ``casework.service.perform_transition``.
"""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from wagtail.models import Site

from kopiena.casework.models import Municipality
from kopiena.casework.roles import Role
from kopiena.grants.models import (
    Application,
    BudgetCategory,
    BudgetLine,
    CallIndexPage,
    CriterionScore,
    GrantCall,
    LegalForm,
    Membership,
    MembershipRole,
    Organisation,
    Recommendation,
    Report,
    ReportLine,
    ReviewAssignment,
    ScoringCriterion,
)
from kopiena.grants.validators import lv_iban

from .accounts import user_with_role

__all__ = [
    "ApplicationFactory",
    "BudgetLineFactory",
    "GrantCallFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "ReviewAssignmentFactory",
    "call_index",
    "completed_review",
    "full_report",
    "member_of",
]


def municipality(slug="liepaja", name="Liepāja"):
    return Municipality.objects.get_or_create(slug=slug, defaults={"name": name})[0]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Biedrība “Kopā {n}”")
    legal_form = LegalForm.BIEDRIBA
    registration_number = factory.Sequence(lambda n: f"4000{n:07d}")
    public_benefit = True
    e_address = factory.LazyAttribute(lambda o: f"_DEFAULT@{o.registration_number}")
    iban = factory.Sequence(lambda n: lv_iban("HABA", f"{n:013d}"))
    municipality = factory.LazyFunction(municipality)
    contact_name = "Anna Ozola"
    contact_email = factory.Sequence(lambda n: f"kopa{n}@example.lv")
    contact_phone = "+371 20000000"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.LazyFunction(lambda: user_with_role(Role.NGO_MEMBERS))
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.OWNER


def member_of(organisation, **user_kwargs):
    """A user in the NGO members group who is a member of ``organisation``."""
    user = user_with_role(Role.NGO_MEMBERS, **user_kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.OWNER)
    return user


def call_index():
    """The one call index page, under the default site's root page."""
    existing = CallIndexPage.objects.first()
    if existing:
        return existing
    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=CallIndexPage(title="Konkursi", slug="konkursi"))


class GrantCallFactory(factory.django.DjangoModelFactory):
    """An open call (opened 10 days ago, closes in 30) with two criteria (0.6 and 0.4, out
    of 10): grants 1 000–10 000 €, 90 % funding, 5 % infrastructure, 12 months, two reviews,
    associations, foundations and religious organisations (not "other")."""

    class Meta:
        model = GrantCall
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kopienu projektu konkurss {n}")
    slug = factory.Sequence(lambda n: f"konkurss-{n}")
    summary = "Atbalsts kopienu iniciatīvām."
    municipality = factory.LazyFunction(municipality)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    total_budget = Decimal("100000.00")
    reserve = Decimal("0.00")
    min_grant = Decimal("1000.00")
    max_grant = Decimal("10000.00")
    funding_rate = Decimal("0.90")
    infrastructure_share = Decimal("0.05")
    max_duration_months = 12
    eligible_legal_forms = factory.LazyFunction(
        lambda: [LegalForm.BIEDRIBA, LegalForm.NODIBINAJUMS, LegalForm.RELIGISKA]
    )
    public_benefit_required = False
    reviews_required = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return call_index().add_child(instance=model_class(*args, **kwargs))

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        specs = (
            extracted
            if extracted is not None
            else [("Projekta nozīme kopienai", "0.6", 10), ("Budžeta pamatotība", "0.4", 10)]
        )
        for order, (name, weight, max_score) in enumerate(specs):
            ScoringCriterion.objects.create(
                call=self,
                name=name,
                weight=Decimal(weight),
                max_score=max_score,
                sort_order=order,
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft by default, with one staff line of 5 000 € (4 500 requested, 500 own) that
    passes every submit rule of :class:`GrantCallFactory`'s call. ``budget=[]`` leaves it
    without lines; ``budget=[dict(...), ...]`` gives :class:`BudgetLineFactory` kwargs.
    ``ended=True``: the project ended 60 days ago, so its final report may be filed."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(GrantCallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Kopienas dārzs {n}")
    summary = "Kopīgs dārzs apkaimes iedzīvotājiem."
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    planned_start = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    planned_end = factory.LazyAttribute(lambda o: o.planned_start + dt.timedelta(days=180))

    class Params:
        #: The project ran and its planned end has passed: the final report is open
        #: (``ApplicationFactory(ended=True)``). By default projects start in 60 days.
        ended = factory.Trait(
            planned_start=factory.LazyFunction(
                lambda: timezone.localdate() - dt.timedelta(days=240)
            ),
            planned_end=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60)),
        )

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if not create:
            return
        lines = (
            extracted
            if extracted is not None
            else [{"requested": Decimal("4500.00"), "own": Decimal("500.00"), "quantity": 10}]
        )
        for line in lines:
            BudgetLineFactory(application=self, **line)
        self.refresh_from_db()


class BudgetLineFactory(factory.django.DjangoModelFactory):
    """Unit cost follows from requested + own and the quantity (10 × 500.00 = 5 000.00)."""

    class Meta:
        model = BudgetLine

    application = factory.SubFactory(ApplicationFactory, budget=[])
    category = BudgetCategory.STAFF
    description = factory.Sequence(lambda n: f"Izdevumu pozīcija {n}")
    quantity = Decimal("1")
    unit = "gab."
    requested = Decimal("1000.00")
    own = Decimal("0.00")
    unit_cost = factory.LazyAttribute(
        lambda o: ((Decimal(o.requested) + Decimal(o.own)) / Decimal(o.quantity)).quantize(
            Decimal("0.01")
        )
    )


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.LazyFunction(lambda: user_with_role(Role.REVIEWERS))
    assigned_by = None


def completed_review(application, reviewer=None, scores=None, recommendation=None):
    """A completed review without conflict: ``scores`` maps criterion name → score
    (every criterion gets its maximum by default)."""
    assignment = ReviewAssignmentFactory(
        application=application,
        reviewer=reviewer or user_with_role(Role.REVIEWERS),
        declared_no_conflict=True,
        conflict_declared_at=timezone.now(),
        recommendation=recommendation or Recommendation.FUND,
        completed_at=timezone.now(),
    )
    for criterion in application.call.criteria.all():
        score = (scores or {}).get(criterion.name, criterion.max_score)
        CriterionScore.objects.create(assignment=assignment, criterion=criterion, score=score)
    return assignment


def full_report(application, actuals=None, narrative="Projekts īstenots."):
    """A report with an actual amount for every budget line (as planned unless
    ``actuals`` maps a line's description to another amount)."""
    report = Report.objects.create(application=application, narrative=narrative)
    for line in application.budget_lines.all():
        actual = (actuals or {}).get(line.description, line.amount)
        ReportLine.objects.create(report=report, budget_line=line, actual_amount=actual)
    return report
