"""The participatory budget's count at scale: 100 000 ballots over 60 projects (two
categories of 30), counted from the published CSV (the recount command's path: parse,
tally, count) and from ready tallies (the pure count alone). No database: the CSV is made in
memory with a fixed seed, each ballot choosing 1–4 projects per category within its money.
Beside it, in the same run, the bare baseline: reading the same CSV with ``csv.reader``
and nothing else.

Run: ``cd bench && ../.venv/bin/python participation.py`` (under a minute). The table goes
between the participation markers in ``bench/RESULTS.md``.
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings.test")

import django  # noqa: E402

django.setup()

from kopiena.participation.counting import (  # noqa: E402
    CSV_HEADER,
    Project,
    count_category,
    count_csv,
)

BALLOTS, PROJECTS = 100_000, 60
START, END = "<!-- participation:start -->", "<!-- participation:end -->"
TARGET_S = 5.0


def make_csv(rng) -> str:
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


def main():
    rng = random.Random(7)
    text = make_csv(rng)
    lines = text.count("\n") - 1
    baseline, _ = timed(lambda: sum(1 for _ in csv.reader(io.StringIO(text))))
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
    for row in rows:
        print(" | ".join(row))
    table = "\n".join(
        [
            START,
            f"Participatory budget count: {BALLOTS:,} ballots, {PROJECTS} projects, "
            f"{lines:,} CSV rows (choices); median of 3 runs; run {time.strftime('%Y-%m-%d')}.",
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
