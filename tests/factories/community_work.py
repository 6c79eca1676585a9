"""Factories for community work. An initiative can be built directly in any state
(``InitiativeFactory(status=InitiativeStatus.REPORTED)``): the protected status field may be
given when the object is created, which is what test setup needs; changing it afterwards goes
through ``casework.service.perform_transition`` like everywhere else."""

import datetime

import factory

from kopiena.casework.roles import Role
from kopiena.community_work.models import (
    ActivityLog,
    Assessment,
    ChosenApproach,
    Community,
    CommunityCentre,
    CommunityKind,
    Evaluation,
    Initiative,
    LogActivity,
    Partner,
    PlanCorrection,
    PracticeApproach,
    Task,
)

from .accounts import user_with_role
from .pages import MunicipalityFactory

__all__ = [
    "ActivityLogFactory",
    "AssessmentFactory",
    "ChosenApproachFactory",
    "CommunityCentreFactory",
    "CommunityFactory",
    "EvaluationFactory",
    "InitiativeFactory",
    "LogActivityFactory",
    "PartnerFactory",
    "PlanCorrectionFactory",
    "TaskFactory",
]


class CommunityCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityCentre

    name = factory.Sequence(lambda n: f"Kopienas centrs {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    address = "Parka iela 1"
    latitude = "56.946285"
    longitude = "24.105078"
    opening_hours = "P.–Pk. 10:00–18:00"
    services = "Brīvā laika pavadīšana\nKonsultācijas"
    contact_phone = "+371 60000000"
    contact_email = "centrs@example.lv"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Apkaime {n}")
    kind = CommunityKind.NEIGHBOURHOOD
    municipality = factory.SubFactory(MunicipalityFactory)
    size = 1200
    description = "Apkaime pie upes ar daudzdzīvokļu mājām."


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Iniciatīva {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    community = factory.SubFactory(
        CommunityFactory, municipality=factory.SelfAttribute("..municipality")
    )
    centre = factory.SubFactory(
        CommunityCentreFactory, municipality=factory.SelfAttribute("..municipality")
    )
    social_worker = factory.LazyFunction(lambda: user_with_role(Role.SOCIAL_WORKERS))
    goal = "Kopā ar iedzīvotājiem izveidot tikšanās vietu apkaimē."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Uzdevums {n}")
    responsible = "sociālais darbinieks"
    due_date = datetime.date(2026, 5, 31)


class PlanCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanCorrection

    initiative = factory.SubFactory(InitiativeFactory)
    date = datetime.date(2026, 3, 1)
    change = "Tikšanās pārcelta uz bibliotēku."
    reason = "Kultūras nams slēgts remontam."


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Biedrība {n}")
    role = "telpas un brīvprātīgie"


class ChosenApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChosenApproach

    initiative = factory.SubFactory(InitiativeFactory)
    approach = PracticeApproach.COMMUNITY_DEVELOPMENT
    is_main = True


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    initiative = factory.SubFactory(InitiativeFactory)
    initial_study_findings = "Trūkst kopīgas identitātes."
    initial_study_methods = "Kopienas pamatvajadzību profilēšanas anketa."
    in_depth_study_findings = "Iedzīvotāji vēlas tikties tuvu mājām."
    in_depth_study_methods = "Intervijas, SVID analīze."
    field_definition_findings = "Ģeogrāfiskā kopiena: apkaime."
    field_definition_methods = "Sarunas ar iedzīvotāju padomi."


class ActivityLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityLog

    initiative = factory.SubFactory(InitiativeFactory)
    period_start = datetime.date(2026, 1, 12)
    period_end = datetime.date(2026, 1, 16)
    difficulties = "Zema iedzīvotāju aktivitāte."
    next_week_tasks = "Sagatavot bukletu."


class LogActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogActivity

    log = factory.SubFactory(ActivityLogFactory)
    date = factory.LazyAttribute(lambda a: a.log.period_start)
    description = "Tikšanās ar biedrības valdi."


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    initiative = factory.SubFactory(InitiativeFactory)
    methods = "Kopienas pārmaiņu pašnovērtējums."
    results = "Izveidota iedzīvotāju biedrība."
    helping_factors = "Mentora atbalsts."
    hindering_factors = "Laika trūkums."
    recommendations = "Turpināt tikšanās reizi mēnesī."
    participants = 24
    satisfaction = 8
