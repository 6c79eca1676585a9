"""Admin application listing and filtered listing: queries per page and median server time.

Run in-process against the bench database with production settings (``bench/run.py`` calls
it after topping the data up to each size): a grant officer's Wagtail admin client requests
the listing and a filtered listing; the queries of one request are counted with
``connection.execute_wrapper``, the time is the median of several requests measured around the
Django handler (server time: no network, no client). The baseline is the bare ``/healthz``
view through the same client in the same run.

Targets: the same query count at every size and at most 25; median at most 250 ms at 50 000.
"""

from __future__ import annotations

import argparse
import time

from common import Result, median_ms, report, setup_django

REQUESTS = 15
QUERY_LIMIT = 25
TIME_LIMIT_MS = 250


def measure(client, url: str) -> tuple[int, float, int]:
    """Queries of one request, median milliseconds of ``REQUESTS``, rows shown."""
    from django.db import connection

    response = client.get(url)  # warm-up (templates, caches, connection)
    assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Every statement the request sends, counted where the database wrapper executes it.
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    rows = response.content.count(b'<tr class="') or response.content.count(b"<tr")
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    return len(queries), median_ms(samples), rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True, help="applications in the database")
    parser.add_argument("--final", action="store_true", help="the largest size: time target")
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from kopiena.grants.models import Application, ApplicationStatus

    client = Client()
    client.force_login(User.objects.get(username="scale-koordinators-01"))
    index = reverse("grants_applications:index")
    busiest = (
        Application.objects.filter(status=ApplicationStatus.IN_REVIEW)
        .values_list("municipality_id", flat=True)
        .first()
    )
    filtered = f"{index}?status={ApplicationStatus.IN_REVIEW}&municipality={busiest}"

    base_queries, base_ms, _ = measure(client, "/healthz")
    baseline = f"/healthz {base_queries} q, {base_ms:.1f} ms"
    total = Application.objects.count()
    for label, url in (("listing", index), ("filtered listing", filtered)):
        queries, ms, _rows = measure(client, url)
        report(
            Result(
                name=f"admin {label} @ {args.size:,} applications: queries".replace(",", " "),
                figure=queries,
                unit="queries",
                target=f"≤ {QUERY_LIMIT}, same at every size",
                baseline=baseline,
                met=queries <= QUERY_LIMIT,
                note=f"{total} applications in the database",
            )
        )
        report(
            Result(
                name=f"admin {label} @ {args.size:,} applications: median".replace(",", " "),
                figure=ms,
                unit="ms",
                target=f"≤ {TIME_LIMIT_MS} ms at 50 000" if args.final else "(figure only)",
                baseline=baseline,
                met=ms <= TIME_LIMIT_MS or not args.final,
            )
        )


if __name__ == "__main__":
    main()
