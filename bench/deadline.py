"""Deadline day: 200 NGOs submit their applications to one call at the same moment.

Set-up (in-process, not timed): an open call, 200 generated organisations each with a
draft application that passes the submit rules, and a password for their member accounts;
each member then gets a bearer token from ``POST /api/cases/auth/token``, as a client would.
The run: 200 threads wait at a barrier and all send
``POST /api/cases/applications/{id}/transitions/submit`` together to the production-like run.
Afterwards the database is checked: every success is ``submitted`` with its audit entry,
every refusal is still a draft, nothing is lost or doubled.

Target: all succeed or get a clear refusal (an HTTP 4xx with a JSON message), none lost,
p95 under 1 s. The baseline is 200 concurrent ``/healthz`` requests the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from common import Result, percentile, report, setup_django

SUBMISSIONS = 200
PASSWORD = "bench-deadline-2026"  # noqa: S105 - accounts of the bench database only
P95_LIMIT_S = 1.0


def prepare() -> list[tuple[str, int]]:
    """(username, application id) of 200 drafts on a new open call."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.utils import timezone

    from demo.data import grants_scale as scale
    from kopiena.grants.models import Application, BudgetCategory, BudgetLine, LegalForm

    now = timezone.now()
    with transaction.atomic():
        places = scale.municipalities()
        number = 9000 + int(time.time()) % 1000
        call = scale.scale_call(number, seed=1, places=places)
        call.title = f"Termiņa diena {number}"
        call.opens_at = now - dt.timedelta(days=30)
        call.closes_at = now + dt.timedelta(hours=2)
        call.total_budget = Decimal("2000000.00")
        call.eligible_legal_forms = list(LegalForm.values)
        call.save()
        members = list(
            scale.scale_organisations()
            .order_by("pk")
            .values_list("pk", "municipality_id", "memberships__user__username")[:SUBMISSIONS]
        )
        User.objects.filter(username__in=[m[2] for m in members]).update(
            password=make_password(PASSWORD)
        )
        apps = [
            Application(
                call=call,
                organisation_id=org_id,
                title=f"Termiņa dienas projekts {n + 1}",
                municipality_id=municipality_id,
                planned_start=now.date() + dt.timedelta(days=60),
                planned_end=now.date() + dt.timedelta(days=240),
                requested_amount=Decimal("3150.00"),
                own_contribution=Decimal("350.00"),
                total_cost=Decimal("3500.00"),
            )
            for n, (org_id, municipality_id, _username) in enumerate(members)
        ]
        apps = scale.bulk(Application, apps)
        lines = []
        for app in apps:
            lines.append(
                BudgetLine(
                    application_id=app.pk,
                    category=BudgetCategory.STAFF,
                    description="Koordinatora darba samaksa",
                    quantity=Decimal("10"),
                    unit="mēn.",
                    unit_cost=Decimal("300.00"),
                    requested=Decimal("2700.00"),
                    own=Decimal("300.00"),
                    sort_order=0,
                )
            )
            lines.append(
                BudgetLine(
                    application_id=app.pk,
                    category=BudgetCategory.MATERIALS,
                    description="Materiāli",
                    quantity=Decimal("1"),
                    unit="kompl.",
                    unit_cost=Decimal("500.00"),
                    requested=Decimal("450.00"),
                    own=Decimal("50.00"),
                    sort_order=1,
                )
            )
        scale.bulk(BudgetLine, lines)
    return [(username, app.pk) for (_o, _m, username), app in zip(members, apps, strict=True)]


def post(url: str, body: dict, headers: dict | None = None) -> tuple[int, dict, float]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, payload = response.status, json.load(response)
    except urllib.error.HTTPError as error:
        status = error.code
        try:
            payload = json.load(error)
        except ValueError:
            payload = {}
    except OSError as error:
        status, payload = 0, {"error": str(error)}
    return status, payload, time.perf_counter() - started


def get(url: str) -> tuple[int, dict, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.load(response), time.perf_counter() - started
    except OSError as error:
        return 0, {"error": str(error)}, time.perf_counter() - started


def together(calls) -> list:
    """Run every call in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    args = parser.parse_args()
    setup_django()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from kopiena.casework.audit import TRANSITION
    from kopiena.grants.models import Application, ApplicationStatus

    drafts = prepare()
    with ThreadPoolExecutor(max_workers=8) as pool:
        tokens = list(
            pool.map(
                lambda d: post(
                    f"{args.base}/api/cases/auth/token",
                    {"username": d[0], "password": PASSWORD, "name": "deadline"},
                )[1]["token"],
                drafts,
            )
        )

    baseline = together([lambda: get(f"{args.base}/healthz")] * SUBMISSIONS)
    base_p95 = percentile([t for _s, _p, t in baseline], 95)

    def submit(token, app_id):
        return lambda: post(
            f"{args.base}/api/cases/applications/{app_id}/transitions/submit",
            {"comment": "Iesniedzam termiņa dienā."},
            {"Authorization": f"Bearer {token}"},
        )

    started = time.perf_counter()
    answers = together([submit(t, app_id) for t, (_u, app_id) in zip(tokens, drafts, strict=True)])
    wall = time.perf_counter() - started

    ok = [a for a in answers if a[0] == 200 and a[1].get("status") == ApplicationStatus.SUBMITTED]
    refused = [a for a in answers if 400 <= a[0] < 500 and (a[1].get("detail") or a[1])]
    failed = len(answers) - len(ok) - len(refused)
    ids = [app_id for _u, app_id in drafts]
    submitted = Application.objects.filter(pk__in=ids, status=ApplicationStatus.SUBMITTED)
    still_draft = Application.objects.filter(pk__in=ids, status=ApplicationStatus.DRAFT).count()
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=[str(i) for i in ids],
        action=TRANSITION,
        data__action="submit",
    ).count()
    lost = (
        submitted.count() != len(ok)
        or still_draft != len(refused)
        or entries != len(ok)
        or failed != 0
    )
    p95 = percentile([t for _s, _p, t in answers], 95)
    report(
        Result(
            name=f"deadline day: {SUBMISSIONS} concurrent submits, p95",
            figure=p95 * 1000,
            unit="ms",
            target=f"p95 < {P95_LIMIT_S * 1000:.0f} ms, none lost",
            baseline=f"{SUBMISSIONS} × /healthz p95 {base_p95 * 1000:.0f} ms",
            met=p95 < P95_LIMIT_S and not lost,
            note=(
                f"{len(ok)} submitted, {len(refused)} refused, {failed} errors; database: "
                f"{submitted.count()} submitted, {still_draft} drafts, {entries} audit entries; "
                f"all answered in {wall:.2f} s"
            ),
        )
    )
    report(
        Result(
            name="deadline day: none lost, every answer clear",
            figure=len(ok) + len(refused),
            unit=f"of {SUBMISSIONS}",
            target=f"{SUBMISSIONS} answered, none lost",
            baseline="—",
            met=not lost and len(ok) + len(refused) == SUBMISSIONS,
        )
    )


if __name__ == "__main__":
    main()
