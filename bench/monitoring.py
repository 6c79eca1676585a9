"""Monitoring at scale (issue 17): the regional dashboard and the region's annual report for
21 municipalities, at 10 000 and then 50 000 applications (1 000 and 5 000 initiatives),
beside the admin application listing measured in the same run; the PDF's generation time.

Its own database (``BENCH_DATABASE_URL``, default ``kopiena_bench_monitoring``: several
engineers share the machine's PostgreSQL, and ``kopiena_bench`` is the other benchmarks'),
created, migrated and given the demo content when missing, then grown with
``generate_scale_data`` and monitoring's scale step (``demo.data.monitoring_scale``: a region
of 21 municipalities, a coordinator, 200 surveys × 25 responses). In-process with production
settings, like ``admin_listing.py``: the queries of one request are counted where the
database wrapper executes them, the time is the median of several requests around the
Django handler. The figures go to ``bench/RESULTS.md`` between the monitoring markers; the
other benchmarks' table is left as it is.

    .venv/bin/python bench/monitoring.py            # both sizes (about 15 minutes here)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from common import PYTHON, ROOT, bench_env, median_ms

DATABASE = "postgres://postgres@127.0.0.1:5432/kopiena_bench_monitoring"
SIZES = ((10_000, 1_000, 1_000), (50_000, 5_000, 5_000))  # applications, initiatives, organisations
YEAR = 2024
REQUESTS = 7
START, END = "<!-- monitoring:start -->", "<!-- monitoring:end -->"


def env() -> dict:
    os.environ.setdefault("BENCH_DATABASE_URL", DATABASE)
    os.environ.setdefault("KOPIENA_ALLOW_DEMO_DATA", "1")
    return bench_env()


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], env=env(), cwd=ROOT, check=True)


def prepare():
    name = env()["DATABASE_URL"].rsplit("/", 1)[1]
    if not name.startswith("kopiena_bench"):
        sys.exit(f"refusing to use {name!r} (kopiena_bench… only)")
    subprocess.run(
        [PYTHON, "scripts/ensure_database.py", env()["DATABASE_URL"]],
        env=env(),
        cwd=ROOT,
        check=True,
    )
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("load_demo")


def measure(client, url):
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
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    return len(queries), median_ms(samples)


def run_size(applications, initiatives, organisations, rows):
    manage(
        "generate_scale_data",
        f"--applications={applications}",
        f"--initiatives={initiatives}",
        f"--organisations={organisations}",
    )
    code = (
        "from demo.data import monitoring_scale as m\n"
        "area = m.region(); user = m.coordinator(area)\n"
        "m.generate_surveys(200, responses=25, seed=7)\n"
        f"m.draft_report(area, {YEAR}, user)\n"
    )
    manage("shell", "-c", code)
    # The generator writes with COPY; PostgreSQL's statistics of the audit log are what
    # autovacuum would have gathered by then (without them the planner reads the whole log
    # per case: 42 ms a case instead of a few microseconds).
    manage(
        "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"
    )
    script = f"""
import json, sys, time
sys.path.insert(0, "bench")
from monitoring import measure
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from kopiena.grants.models import Application
from kopiena.monitoring.models import AnnualReport
from kopiena.monitoring.pdf import draft_pdf
from django.test import RequestFactory

out = {{}}
officer = Client(); officer.force_login(User.objects.get(username="scale-koordinators-01"))
out["listing"] = measure(officer, reverse("grants_applications:index"))
coordinator = Client(); coordinator.force_login(User.objects.get(username="scale-regkoordinators"))
dashboard = reverse("kopiena_monitoring_dashboard") + "?scope=r:scale-region&year={YEAR}"
out["dashboard"] = measure(coordinator, dashboard)
report = AnnualReport.objects.get(region__slug="scale-region", year={YEAR})
inspect = reverse("kopiena_monitoring_reports:inspect", args=[report.pk])
out["report"] = measure(coordinator, inspect)
request = RequestFactory().get("/")
timings = []
for _ in range(3):
    content, seconds = draft_pdf(report, request)
    timings.append(seconds)
out["pdf"] = [min(timings), sorted(timings)[1], len(content)]
out["applications"] = Application.objects.count()
region = Application.objects.filter(municipality__planning_region__slug="scale-region")
out["in_region"] = region.count()
print("RESULT " + json.dumps(out))
"""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], env=env(), cwd=ROOT, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("RESULT "))
    import json

    data = json.loads(line[len("RESULT ") :])
    rows.append((applications, initiatives, data))
    print(applications, data, flush=True)


def write(rows, seconds):
    first, last = rows[0][2], rows[-1][2]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        START,
        f"Run of `bench/monitoring.py` ({seconds / 60:.1f} min), "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average when it ended: {load}. "
        f"A region of 21 municipalities, year {YEAR} with the two before it; medians of "
        f"{REQUESTS} requests, in-process, production settings.",
        "",
        "| size | applications (in the region) | page | queries | median "
        "| baseline: admin listing (same run) |",
        "|---|---|---|---|---|---|",
    ]
    for applications, initiatives, data in rows:
        base = f"{data['listing'][1]:.0f} ms, {data['listing'][0]} q"
        size = f"{applications:_} applications, {initiatives:_} initiatives".replace("_", " ")
        counts = f"{data['applications']:,} ({data['in_region']:,})".replace(",", " ")
        for key, label in (
            ("dashboard", "regional dashboard"),
            ("report", "region's annual report (draft, live figures)"),
        ):
            queries, ms = data[key]
            lines.append(f"| {size} | {counts} | {label} | {queries} | {ms:.0f} ms | {base} |")
        fastest, median, size_bytes = data["pdf"]
        lines.append(
            f"| {size} | | annual report PDF (WeasyPrint, {size_bytes // 1024} KiB) | — "
            f"| {median:.1f} s (fastest {fastest:.1f} s) | |"
        )
    same = all(first[k][0] == last[k][0] for k in ("dashboard", "report"))
    lines += [
        "",
        f"Same number of queries at both sizes: {'yes' if same else '**no**'} (dashboard "
        f"{first['dashboard'][0]} → {last['dashboard'][0]}, report {first['report'][0]} → "
        f"{last['report'][0]}).",
        END,
    ]
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if START in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Monitoring (issue 17)\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main():
    started = time.monotonic()
    prepare()
    rows = []
    for applications, initiatives, organisations in SIZES:
        run_size(applications, initiatives, organisations, rows)
    write(rows, time.monotonic() - started)


if __name__ == "__main__":
    main()
