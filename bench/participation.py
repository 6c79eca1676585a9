"""The participatory budget's count at scale: 100 000 ballots over 60 projects (two
categories of 30), counted from the published CSV (the recount command's path: parse,
tally, count) and from ready tallies (the pure count alone). No database: the CSV is made in
memory with a fixed seed, each ballot choosing 1–4 projects per category within its money.
Beside it, in the same run, the bare baseline: reading the same CSV with ``csv.reader``
and nothing else.

Then the burst, on PostgreSQL in its own database ``kopiena_bench_participation`` (dropped,
made and migrated again; production settings in this process): 1 000 people cast their
ballot through the ballot service from 16 threads at once, 200 of them twice at the same
moment (a double click, two devices): afterwards exactly 1 000 ballots must exist, each with
its choices — none lost, none doubled. Beside it, in the same run and the same threads, the
bare write baseline: 1 000 single-row INSERTs into a table with a unique key, autocommit.
Latencies are per call, in-process (no HTTP).

Run: ``cd bench && ../.venv/bin/python participation.py`` (about two minutes). The table
goes between the participation markers in ``bench/RESULTS.md``.
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import PYTHON, bench_env  # noqa: E402

DATABASE = "postgres://postgres@127.0.0.1:5432/kopiena_bench_participation"
VOTERS, REPEATS, THREADS = 1000, 200, 16

BALLOTS, PROJECTS = 100_000, 60
START, END = "<!-- participation:start -->", "<!-- participation:end -->"
TARGET_S = 5.0


def make_csv(rng) -> str:
    from kopiena.participation.counting import CSV_HEADER

    categories = {"infrastructure": Decimal("185000.00"), "events": Decimal("50300.00")}
    projects = {}
    for n in range(1, PROJECTS + 1):
        code = "infrastructure" if n <= PROJECTS // 2 else "events"
        top = 90000 if code == "infrastructure" else 20000
        projects[n] = (code, Decimal(rng.randint(1000, top)) + Decimal(rng.randint(0, 99)) / 100)
    by_code = {c: [n for n, (code, _) in projects.items() if code == c] for c in categories}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for _ in range(BALLOTS):
        ballot = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        for code, money in categories.items():
            left = money
            for n in rng.sample(by_code[code], rng.randint(1, 4)):
                cost = projects[n][1]
                if cost <= left:
                    left -= cost
                    writer.writerow([ballot, code, f"{money:.2f}", n, f"{cost:.2f}", "lower_cost"])
    return out.getvalue()


def timed(fn, repeat=3):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], result


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
        name = sql.Identifier(config["NAME"])
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def burst():
    """The burst and its baseline; returns the table rows."""
    import subprocess
    import threading
    from concurrent.futures import ThreadPoolExecutor

    env = bench_env()
    env["DATABASE_URL"] = os.environ.get("BENCH_PARTICIPATION_DATABASE_URL", DATABASE)
    env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    _fresh_database(env)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    os.environ.update(env)
    import django

    django.setup()
    import datetime as dt

    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError
    from django.db import connection, connections
    from django.utils import timezone

    from kopiena.casework.models import Municipality
    from kopiena.participation import services
    from kopiena.participation.models import Ballot, BallotChoice, Category, Idea, Process, Theme

    today = timezone.localdate()
    day = dt.timedelta(days=1)
    process = Process.objects.create(
        municipality=Municipality.objects.create(name="Liepāja", slug="liepaja"),
        year=2026,
        title="Bench",
        slug="bench",
        total=Decimal("300000"),
        reserve=Decimal("0"),
        ideas_open=today - 50 * day,
        ideas_close=today - 40 * day,
        check_close=today - 20 * day,
        voting_open=today - day,
        voting_close=today + day,
        results_on=today + 5 * day,
        delivery_until=today + 400 * day,
        published=True,
    )
    category = Category.objects.create(
        process=process, code="infrastructure", name="I", money=Decimal("185000")
    )
    theme = Theme.objects.create(process=process, name="T")
    ideas = [
        Idea.objects.create(
            process=process,
            number=n,
            title=f"P{n}",
            description="d",
            theme=theme,
            category=category,
            estimated_cost=Decimal(9000 + n),
            cost_estimate=Decimal(9000 + n),
        )
        for n in range(1, 31)
    ]
    Idea.objects.update(status="feasible")
    users = User.objects.bulk_create(User(username=f"b{i}") for i in range(VOTERS))
    users = list(User.objects.order_by("pk"))

    def yes(user):
        """Each voter's declaration with a personal code of their own (born 1980)."""
        n = user.pk
        code = f"{1 + n % 28:02d}{1 + (n // 28) % 12:02d}80-1{n % 10000:04d}"
        return services.Eligibility(birth_year=1980, resident=True, person_code=code)

    rng = random.Random(3)
    jobs = [(u, [i.pk for i in rng.sample(ideas, 3)]) for u in users]
    jobs += [(users[i], jobs[i][1]) for i in range(REPEATS)]
    rng.shuffle(jobs)
    refused = []
    lock = threading.Lock()

    def vote(job):
        user, ids = job
        start = time.perf_counter()
        try:
            services.cast_ballot(process, user, ids, yes(user))
        except ValidationError as error:
            with lock:
                refused.append(error)
        finally:
            connections.close_all()
        return time.perf_counter() - start

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id serial primary key, k text unique)")

    def bare(i):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_bare (k) VALUES (%s)", [f"k{i}"])
        connections.close_all()
        return time.perf_counter() - start

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        base = list(pool.map(bare, range(VOTERS)))
    base_wall = time.perf_counter() - started
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        took = list(pool.map(vote, jobs))
    wall = time.perf_counter() - started
    ballots = Ballot.objects.filter(process=process).count()
    voters = Ballot.objects.filter(process=process).values("voter").distinct().count()
    choices = BallotChoice.objects.filter(ballot__process=process).count()
    ok = ballots == VOTERS and voters == VOTERS and choices == 3 * VOTERS and not refused
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    return [
        (
            f"burst: {VOTERS:,} ballots + {REPEATS} repeated at once, {THREADS} threads",
            f"{ballots:,} ballots, {choices:,} choices, {len(refused)} refused",
            f"{VOTERS:,} ballots, {3 * VOTERS:,} choices",
            f"{VOTERS:,} bare rows",
            "met" if ok else "MISSED",
        ),
        (
            "burst: p50 / p95 per ballot",
            f"{ms(_percentile(took, 0.5))} / {ms(_percentile(took, 0.95))}",
            "—",
            f"{ms(_percentile(base, 0.5))} / {ms(_percentile(base, 0.95))} (bare INSERT)",
            "—",
        ),
        (
            "burst: wall time",
            f"{wall:.1f} s ({len(jobs) / wall:.0f} ballots/s)",
            "—",
            f"{base_wall:.1f} s",
            "—",
        ),
    ]


def main():
    rng = random.Random(7)
    text = make_csv(rng)
    lines = text.count("\n") - 1
    baseline, _ = timed(lambda: sum(1 for _ in csv.reader(io.StringIO(text))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings.test")
    from kopiena.participation.counting import Project, count_category, count_csv

    recount, results = timed(lambda: count_csv(io.StringIO(text)))
    tallies = [[Project(p.number, p.cost, p.votes) for p in r.ranked] for r in results]
    pure, _ = timed(
        lambda: [
            count_category(r.money, t, "lower_cost") for r, t in zip(results, tallies, strict=True)
        ],
        repeat=5,
    )
    rows = [
        (
            "recount from CSV (parse + tally + count)",
            f"{recount:.2f} s",
            f"< {TARGET_S:.0f} s",
            f"{baseline:.2f} s (csv.reader alone)",
            "met" if recount < TARGET_S else "MISSED",
        ),
        ("count from tallies (pure function)", f"{pure * 1000:.2f} ms", "—", "—", "—"),
    ]
    if "--no-burst" not in sys.argv:
        rows += burst()
    for row in rows:
        print(" | ".join(row))
    table = "\n".join(
        [
            START,
            f"Participatory budget count: {BALLOTS:,} ballots, {PROJECTS} projects, "
            f"{lines:,} CSV rows (choices); count medians of 3 runs; the burst on PostgreSQL; "
            f"run {time.strftime('%Y-%m-%d')}.",
            "",
            "| measure | figure | target | baseline (same run) | |",
            "|---|---|---|---|---|",
            *("| " + " | ".join(r) + " |" for r in rows),
            "",
            "Winners: "
            + "; ".join(f"{r.code} {len(r.winners)} projects, {r.spent:.2f} €" for r in results),
            END,
        ]
    )
    path = ROOT / "bench" / "RESULTS.md"
    current = path.read_text(encoding="utf-8")
    if START in current:
        before, rest = current.split(START, 1)
        current = before + table + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n## Participatory budget\n\n" + table + "\n"
    path.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
