"""The social map at scale: 5 000 services at 8 000 places in one municipality (Liepāja,
the worst case for one map), measured in-process beside the page API's news list in the
same run, and the booklet PDF of 300 services.

Own database ``kopiena_bench_social_map`` (PostgreSQL; never the development or test
databases): dropped and made again, migrated, demo content loaded, the scale data added
(``demo.data.social_map_scale``). Then, with production settings in this process, a Django
test client asks each URL once to warm up, once to count its queries, and ``REQUESTS`` times
for the median server time (no network, no client in the figure):

* the page API's news list (``/api/v2/pages/?type=kopiena_pages.NewsPage&fields=*``): the
  baseline of the run;
* the GeoJSON of Liepāja, unfiltered and filtered (area, free, open today);
* the public list of Liepāja, filtered the same way (a page of 25);
* the booklet PDF of a municipality with 300 services (median of 3 renders; the cache is
  cleared before each).

Run: ``cd bench && ../.venv/bin/python social_map.py`` (about 5 minutes on two cores). The
figures go to ``bench/out/results.jsonl`` and between the social map's markers in
``bench/RESULTS.md``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from common import OUT, PYTHON, RESULTS, ROOT, Result, bench_env, median_ms, report

DATABASE = "postgres://postgres@127.0.0.1:5432/kopiena_bench_social_map"
SERVICES, LOCATIONS, BOOKLET_SERVICES = 5000, 8000, 300
REQUESTS = 20
#: The project's budget for a listing (the admin listing has the same).
QUERY_LIMIT = 25
START, END = "<!-- social-map:start -->", "<!-- social-map:end -->"
FILTERS = "area=food-and-goods&free=on&open=today"


def _env() -> dict:
    env = bench_env()
    env["DATABASE_URL"] = os.environ.get("BENCH_SOCIAL_MAP_DATABASE_URL", DATABASE)
    env["KOPIENA_ALLOW_DEMO_DATA"] = "1"
    env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    return env


def _fresh_database(env) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(env["DATABASE_URL"])
    if not config["NAME"].startswith("kopiena_bench"):
        sys.exit(f"refusing to use {config['NAME']!r} (kopiena_bench… only)")
    with psycopg.connect(
        host=config["HOST"] or None, user=config["USER"] or None, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(config["NAME"])
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def _manage(env, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, check=True)


def measure(client, url: str, *, repeat: int = REQUESTS) -> tuple[int, float]:
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    return len(queries), median_ms(samples)


def main() -> None:
    started = time.monotonic()
    env = _env()
    #: ``--reuse``: the database of an earlier run (migrated, with the demo content); only
    #: the scale data is made again.
    reuse = "--reuse" in sys.argv
    if not reuse:
        print("== bench database, migrations, demo content", flush=True)
        _fresh_database(env)
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "load_demo")
    _manage(env, "collectstatic", "--noinput", "-v", "0")  # production's hashed static names
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from demo.data import social_map_scale
    from kopiena.casework.models import Municipality
    from kopiena.social_map.models import SocialMapPage

    print(f"== scale data: {SERVICES} services at {LOCATIONS} places in Liepāja", flush=True)
    if reuse:
        social_map_scale.reset()  # what earlier runs generated (the demo content stays)
    liepaja = Municipality.objects.get(slug="liepaja")
    social_map_scale.generate(liepaja, services=SERVICES, locations=LOCATIONS)
    booklet_place = Municipality.objects.get(slug="rezeknes-novads")
    social_map_scale.generate(
        booklet_place, services=BOOKLET_SERVICES, locations=BOOKLET_SERVICES, seed=8
    )
    # Statistics for the planner, as autovacuum gathers them after a bulk load (without them
    # PostgreSQL plans nested loops over the fresh tables: minutes instead of milliseconds).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    news_queries, news_ms = measure(client, "/api/v2/pages/?type=kopiena_pages.NewsPage&fields=*")
    baseline = f"news list {news_ms:.1f} ms, {news_queries} q"
    results.append(
        report(
            Result(
                "page API news list (baseline)",
                news_ms,
                "ms",
                "(figure only)",
                f"{news_queries} queries",
                True,
            )
        )
    )

    geojson = reverse("cases_api:social_map_geojson", args=["liepaja"])
    page = SocialMapPage.objects.get(municipality=liepaja)
    for name, url in (
        ("social map GeoJSON, Liepāja, 8 000 places", geojson),
        ("social map GeoJSON, Liepāja, filtered", f"{geojson}?{FILTERS}"),
        ("social map list, Liepāja, filtered (page of 25)", f"{page.url}?{FILTERS}"),
    ):
        queries, ms = measure(client, url)
        results.append(
            report(
                Result(
                    f"{name}: queries",
                    queries,
                    "queries",
                    "≤ 25; constant (tests at two sizes)",
                    baseline,
                    queries <= QUERY_LIMIT,
                )
            )
        )
        results.append(report(Result(f"{name}: median", ms, "ms", "(figure only)", baseline, True)))

    booklet_page = SocialMapPage.objects.get(municipality=booklet_place)
    samples = []
    for _ in range(3):
        cache.clear()
        started_pdf = time.perf_counter()
        response = client.get(f"{booklet_page.url}buklets/pdf/")
        samples.append(time.perf_counter() - started_pdf)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    results.append(
        report(
            Result(
                f"booklet PDF, {BOOKLET_SERVICES} services",
                median_ms(samples),
                "ms",
                "(figure only)",
                baseline,
                True,
                f"{len(response.content) // 1024} KB",
            )
        )
    )
    _write(results, time.monotonic() - started)


def _write(results, seconds) -> None:
    load = os.getloadavg()
    lines = [
        START,
        f"Social map run of `bench/social_map.py` ({seconds / 60:.1f} min, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average when it ended "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; PostgreSQL, production settings, in-process):",
        "",
        "| benchmark | figure | target | baseline (same run) | met | notes |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        figure = f"{r.figure:,.1f} {r.unit}".replace(",", " ")
        met = "yes" if r.met else "**no**"
        lines.append(f"| {r.name} | {figure} | {r.target} | {r.baseline} | {met} | {r.note} |")
    lines.append(END)
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    if START in text:
        head, rest = text.split(START, 1)
        text = head + "\n".join(lines) + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Social map\n\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"results in {path} and {RESULTS}")


if __name__ == "__main__":
    main()
