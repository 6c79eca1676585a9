"""Query budgets: every list a person or a client reads costs a fixed, bounded number of
queries, whatever the number of rows. Each list is measured with 3 rows and with 30 (a full
page: the admin shows 20 a page) and must stay within its budget both times, the large
page costing no more than the small one.

The table of lists and where each is measured:

=====================================================  ======================================
list                                                   test
=====================================================  ======================================
admin: applications                                    tests/grants/test_admin.py
                                                       (``…costs_the_same_queries_for_5_and_25``)
admin: initiatives (all)                               tests/community_work/test_admin.py
                                                       (``the_listing_costs_the_same…``)
admin: initiatives, "my initiatives" / heads' queue    here (``initiatives-mine``,
       (the dashboard's filtered views)                ``initiatives-awaiting-approval``)
admin: applications filtered (status, call), searched  here (``applications-filtered``)
admin: organisations, weekly logs, communities,        here
       centres, municipalities, target groups,
       a reviewer's assignments ("My reviews"),
       a case's history
admin: dashboard panels (call budgets, waiting for     here (``dashboard-*``, one per role)
       me, my initiatives)
portal: dashboard, applications, calls,                tests/portal/test_queries.py (3 and 30)
        organisations, an organisation
portal: an application's status history                here (``portal-application-history``)
case API: /applications, /initiatives, /calls,         tests/api/test_queries.py (5 and 50)
          /funded-projects
case API: a case's history                             here (``api-*-history``)
page API: /api/v2/pages/ news and stories (fields=*)   tests/pages/test_api.py (5 and 50)
page API: /api/v2/pages/ untyped, images, documents    here
=====================================================  ======================================
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import APIToken

from kopiena.casework import audit
from kopiena.casework.roles import Role
from kopiena.casework.workflow import TransitionInput
from kopiena.community_work.models import InitiativeStatus
from kopiena.grants.models import ApplicationStatus
from tests.factories import (
    ActivityLogFactory,
    ApplicationFactory,
    CommunityCentreFactory,
    CommunityFactory,
    ConsentImageFactory,
    GrantCallFactory,
    InitiativeFactory,
    MunicipalityFactory,
    NewsPageFactory,
    OrganisationFactory,
    ReviewAssignmentFactory,
    TargetGroupFactory,
    UserFactory,
    completed_review,
    member_of,
    user_with_role,
)
from tests.factories.pages import NewsIndexPageFactory, site_home

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30


@dataclass
class World:
    """The people and the one case the lists are about; ``grow(n)`` adds n rows."""

    user: object = None
    case: object = None
    extra: dict = None


@dataclass
class Listing:
    #: the user reading the list: a role, "member" (an NGO member) or "superuser"
    reader: str
    #: the address, from the world
    url: Callable[[World], str]
    #: add n rows to the list
    grow: Callable[[World, int], None]
    #: the most queries the list may cost
    budget: int
    #: "session" (admin, portal) or "token" (case API)
    auth: str = "session"


def _applications(world, n, **kwargs):
    for _ in range(n):
        ApplicationFactory(**kwargs)


def _history(world, n):
    for i in range(n):
        audit.log_transition(
            world.case,
            world.user,
            action="request_changes",
            label="Request changes",
            source_state="submitted",
            inputs=TransitionInput(comment=f"Labojums {i}", internal_comment="iekšēji"),
            source="admin",
        )


def _logs(world, n):
    initiative = world.extra.setdefault("initiative", InitiativeFactory())
    start = dt.date(2026, 1, 5) + dt.timedelta(weeks=len(world.extra.setdefault("weeks", [])))
    for i in range(n):
        monday = start + dt.timedelta(weeks=i)
        world.extra["weeks"].append(monday)
        ActivityLogFactory(
            initiative=initiative, period_start=monday, period_end=monday + dt.timedelta(days=4)
        )


def _assignments(world, n):
    """Half open, half completed with their scores (the list shows each one's total)."""
    for i in range(n):
        application = ApplicationFactory(status=ApplicationStatus.IN_REVIEW)
        if i % 2:
            completed_review(application, reviewer=world.user)
        else:
            ReviewAssignmentFactory(application=application, reviewer=world.user)


def _dashboard_officer(world, n):
    for _ in range(n):
        call = GrantCallFactory()
        ApplicationFactory(call=call, status=ApplicationStatus.SUBMITTED)


def _news(world, n):
    index = world.extra.get("news_index")
    if index is None:
        index = world.extra["news_index"] = NewsIndexPageFactory(parent=site_home())
    for _ in range(n):
        NewsPageFactory(parent=index)


def _documents(world, n):
    from django.core.files.base import ContentFile

    Document = get_document_model()
    for i in range(n):
        Document.objects.create(title=f"Nolikums {i}", file=ContentFile(b"%PDF", name=f"n{i}.pdf"))


LISTINGS = {
    # --- Wagtail admin ------------------------------------------------------------------
    "applications-filtered": Listing(
        Role.GRANT_OFFICERS,
        lambda w: (
            reverse("grants_applications:index")
            + f"?status=submitted&call={w.extra['call'].pk}&q=Kopienas"
        ),
        lambda w, n: _applications(w, n, call=w.extra["call"], status=ApplicationStatus.SUBMITTED),
        budget=16,
    ),
    "organisations": Listing(
        Role.GRANT_OFFICERS,
        lambda w: reverse("grants_organisations:index"),
        lambda w, n: OrganisationFactory.create_batch(n),
        budget=15,
    ),
    "my-reviews": Listing(
        Role.REVIEWERS, lambda w: reverse("grants_my_reviews"), _assignments, budget=15
    ),
    "application-history": Listing(
        Role.GRANT_OFFICERS,
        lambda w: reverse("grants_applications:history", args=[w.case.pk]),
        _history,
        budget=18,
    ),
    "initiatives-mine": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: reverse("community_initiatives:index") + "?mine=true&status=planning",
        lambda w, n: InitiativeFactory.create_batch(
            n, social_worker=w.user, status=InitiativeStatus.PLANNING
        ),
        budget=16,
    ),
    "initiatives-awaiting-approval": Listing(
        Role.SERVICE_HEADS,
        lambda w: reverse("community_initiatives:index") + "?status=awaiting_approval",
        lambda w, n: InitiativeFactory.create_batch(
            n, head=w.user, status=InitiativeStatus.AWAITING_APPROVAL
        ),
        budget=16,
    ),
    "initiative-history": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: reverse("community_initiatives:history", args=[w.extra["initiative"].pk]),
        lambda w, n: _history(World(w.user, w.extra["initiative"]), n),
        budget=18,
    ),
    "weekly-logs": Listing(
        Role.SOCIAL_WORKERS, lambda w: reverse("community_weekly_logs:index"), _logs, budget=15
    ),
    "communities": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: reverse("communities:index"),
        lambda w, n: CommunityFactory.create_batch(n),
        budget=15,
    ),
    "centres": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: reverse("community_centres:index"),
        lambda w, n: CommunityCentreFactory.create_batch(n),
        budget=15,
    ),
    "municipalities": Listing(
        "superuser",
        lambda w: reverse("wagtailsnippets_kopiena_casework_municipality:list"),
        lambda w, n: MunicipalityFactory.create_batch(n),
        budget=12,
    ),
    "target-groups": Listing(
        "superuser",
        lambda w: reverse("wagtailsnippets_kopiena_casework_targetgroup:list"),
        lambda w, n: TargetGroupFactory.create_batch(n),
        budget=12,
    ),
    "dashboard-officer": Listing(
        Role.GRANT_OFFICERS, lambda w: reverse("wagtailadmin_home"), _dashboard_officer, budget=20
    ),
    "dashboard-social-worker": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: reverse("wagtailadmin_home"),
        lambda w, n: [
            InitiativeFactory(social_worker=w.user, status=status)
            for status in [InitiativeStatus.PLANNING, InitiativeStatus.IN_PROGRESS] * n
        ][:n],
        budget=20,
    ),
    "dashboard-head": Listing(
        Role.SERVICE_HEADS,
        lambda w: reverse("wagtailadmin_home"),
        lambda w, n: InitiativeFactory.create_batch(
            n, head=w.user, status=InitiativeStatus.AWAITING_APPROVAL
        ),
        budget=20,
    ),
    # --- NGO portal -----------------------------------------------------------------------
    "portal-application-history": Listing(
        "member",
        lambda w: reverse("portal:application_detail", args=[w.case.pk]),
        _history,
        budget=21,  # 20, and one for the call's responsible officers ("Your contact")
    ),
    # --- case API -------------------------------------------------------------------------
    "api-application-history": Listing(
        "member",
        lambda w: f"/api/cases/applications/{w.case.pk}/history",
        _history,
        budget=8,
        auth="token",
    ),
    "api-initiative-history": Listing(
        Role.SOCIAL_WORKERS,
        lambda w: f"/api/cases/initiatives/{w.extra['initiative'].pk}/history",
        lambda w, n: _history(World(w.user, w.extra["initiative"]), n),
        budget=8,
        auth="token",
    ),
    # --- page API -------------------------------------------------------------------------
    "api-v2-pages": Listing("anonymous", lambda w: "/api/v2/pages/?limit=50", _news, budget=10),
    "api-v2-images": Listing(
        "anonymous",
        lambda w: "/api/v2/images/?limit=50",
        lambda w, n: ConsentImageFactory.create_batch(n),
        budget=6,
    ),
    "api-v2-documents": Listing(
        "anonymous", lambda w: "/api/v2/documents/?limit=50", _documents, budget=6
    ),
}


def _world(reader):
    site_home()  # the page tree's home first: the calls and news go under it
    if reader == "superuser":
        user = UserFactory(username="admin-budzets", is_superuser=True, is_staff=True)
    elif reader == "anonymous":
        user = None
    elif reader == "member":
        user = None  # made with the case below
    else:
        user = user_with_role(reader, username="lasitajs")
    organisation = OrganisationFactory()
    if reader == "member":
        user = member_of(organisation, username="biedrs-budzets")
    case = ApplicationFactory(organisation=organisation, status=ApplicationStatus.SUBMITTED)
    mine = {"social_worker": user} if reader == Role.SOCIAL_WORKERS else {}
    initiative = InitiativeFactory(title="Sava iniciatīva", **mine)
    return World(user, case, {"call": GrantCallFactory(), "initiative": initiative})


def _get(client, world, listing, token):
    """The number of queries one request of the list costs, and the size of the answer."""
    url = listing.url(world)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), len(response.content)


@pytest.mark.parametrize("name", LISTINGS)
def test_list_costs_a_fixed_number_of_queries(name, client, django_assert_max_num_queries):
    listing = LISTINGS[name]
    world = _world(listing.reader)
    token = None
    if listing.auth == "token":
        token = APIToken.create_token(user=world.user, name="budget")[1]
    elif world.user is not None:
        client.force_login(world.user)

    listing.grow(world, SMALL)
    _get(client, world, listing, token)  # warm: site root paths, content types, renditions
    small, small_size = _get(client, world, listing, token)
    listing.grow(world, LARGE - SMALL)
    _get(client, world, listing, token)
    with django_assert_max_num_queries(min(small, listing.budget)):
        large, large_size = _get(client, world, listing, token)

    print(f"\n{name}: {small} queries for {SMALL} rows, {large} for {LARGE}")
    assert small <= listing.budget
    assert large_size > small_size  # the new rows are on the page: they were counted
