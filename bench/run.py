"""``make bench``: every benchmark of issue 7, end to end, against the production-like run.

1. A fresh bench database (``kopiena_bench`` on the local PostgreSQL, dropped and created
   again unless ``BENCH_KEEP_DB=1``; never the development or test databases), migrated,
   static files collected, the demo content loaded (home page, news, demo accounts).
2. Scale data grown 1 000 → 10 000 → 50 000 applications (``generate_scale_data`` tops up),
   the admin listing measured at each size (``admin_listing.py``).
3. ``scripts/serve`` — the ``make serve`` deployment: gunicorn workers and a db_worker with
   production settings, PostgreSQL and Redis — on a free port; wrk against the bare view,
   the case API and the page API (``load.py``); the deadline-day submissions
   (``deadline.py``); then the server is stopped.
4. The import of a 10 000-application spreadsheet (``import_bench.py``).
5. The figures go into ``bench/RESULTS.md`` between its markers, with the machine.

``run.py --only load,deadline`` (any of :data:`PARTS`) re-runs those benchmarks alone against
the existing bench database (migrated, nothing dropped or generated) and replaces only their
rows of the table, noting the re-run beside the machine of the full run. The admin listings
are measured while the data grows, so only a full run measures them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from common import OUT, PYTHON, RESULTS, ROOT, bench_env, free_port, wait_for

BENCH = ROOT / "bench"
SIZES = (1_000, 10_000, 50_000)
START, END = "<!-- results:start -->", "<!-- results:end -->"
#: What ``--only`` may pick: the benchmarks that need no growing data set.
PARTS = ("load", "deadline", "import")


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def run(args: list[str], env: dict, **kwargs) -> None:
    subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def manage(env: dict, *args: str) -> None:
    run([PYTHON, "manage.py", *args], env)


def fresh_database(env: dict, *, existing: bool = False) -> None:
    """Drop and create the bench database (kept with ``BENCH_KEEP_DB=1``); with
    ``existing``, only check that it is there (``--only``)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(env["DATABASE_URL"])
    name = config["NAME"]
    if not name.startswith("kopiena_bench"):
        sys.exit(f"refusing to use {name!r} as the bench database (kopiena_bench… only)")
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if existing:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                sys.exit(f"no bench database {name!r}: run make bench once before --only")
            return
        if os.environ.get("BENCH_KEEP_DB") != "1":
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    run([PYTHON, "scripts/ensure_database.py", env["DATABASE_URL"]], env)


def serve(env: dict, port: int) -> subprocess.Popen:
    serve_env = {
        **env,
        "BIND": f"127.0.0.1:{port}",
        "PY": PYTHON,
        "SERVE_MIGRATE": "0",
        "ACCESS_LOG": "none",
    }
    log = (OUT / "serve.log").open("w")
    process = subprocess.Popen(
        ["scripts/serve"], cwd=ROOT, env=serve_env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)  # the server's own process group
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def machine() -> list[str]:
    def command(*args):
        try:
            done = subprocess.run(args, capture_output=True, text=True, check=False)
        except OSError:
            return "?"
        return (done.stdout or done.stderr).strip() or "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    env = bench_env()
    postgres = command("psql", env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", "-Atc",
                       "show server_version")  # fmt: skip
    redis = command("redis-cli", "-u", env["REDIS_URL"], "info", "server")
    redis_version = next(
        (ln.split(":")[1] for ln in redis.splitlines() if ln.startswith("redis_version")), "?"
    )
    load = os.getloadavg()
    return [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {os.cpu_count()} × {cpu}",
        f"- RAM: {memory}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, PostgreSQL {postgres}, Redis {redis_version}, "
        f"{command('wrk', '--version').splitlines()[0].split(' [')[0]}",
        f"- load average when the run ended: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        "(the machine was shared)",
    ]


def same_query_count_row(results: list[dict]) -> dict:
    counts = {}
    for r in results:
        if r["name"].startswith("admin ") and r["unit"] == "queries":
            kind = "filtered" if "filtered" in r["name"] else "listing"
            counts.setdefault(kind, []).append(int(r["figure"]))
    same = all(len(set(v)) == 1 for v in counts.values()) and bool(counts)
    summary = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in counts.items())
    return {
        "name": "admin listings: same query count at every size",
        "figure": float(same),
        "unit": "(1 = yes)",
        "target": "same at 1 000 / 10 000 / 50 000",
        "baseline": summary,
        "met": same,
        "note": "",
    }


def served_and_import(env: dict, parts) -> None:
    """The benchmarks against the production-like run, then the import; ``parts`` of
    :data:`PARTS` only."""
    if "load" in parts or "deadline" in parts:
        step("queued tasks of the set-up (search index, e-mails) done before the load")
        manage(env, "db_worker", "--batch", "--no-startup-delay", "-v", "0")
        port = free_port()
        step(f"production-like run on :{port} (scripts/serve)")
        server = serve({**bench_env(port), "EMAIL_BACKEND": env["EMAIL_BACKEND"]}, port)
        try:
            if "load" in parts:
                step("load: bare view, case API, page API")
                run([PYTHON, "bench/load.py", f"--base=http://127.0.0.1:{port}"], env)
            if "deadline" in parts:
                step("deadline day")
                run([PYTHON, "bench/deadline.py", f"--base=http://127.0.0.1:{port}"], env)
        finally:
            stop(server)
    if "import" in parts:
        step("import of a 10 000-application spreadsheet")
        run([PYTHON, "bench/import_bench.py"], env)


def run_parts(parts: list[str]) -> None:
    """``--only``: the existing bench database, migrated; nothing dropped or generated."""
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.unlink(missing_ok=True)
    env = bench_env()
    env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    step("existing bench database, migrations")
    fresh_database(env, existing=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    served_and_import(env, parts)
    results = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines()]
    write_partial_results(results, parts, time.monotonic() - started)
    for r in results:
        print(f"{'met   ' if r['met'] else 'MISSED'} {r['name']}")


def write_results(results: list[dict], seconds: float) -> None:
    lines = [
        START,
        f"Run of `make bench` ({seconds / 60:.1f} min):",
        "",
        *machine(),
        "",
        "| benchmark | figure | target | baseline (same run) | met | notes |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(_row(r) for r in results)
    lines.append(END)
    path = BENCH / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Results\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(head + "\n".join(lines) + tail, encoding="utf-8")


def _row(r: dict) -> str:
    figure = f"{r['figure']:,.1f} {r['unit']}".replace(",", " ")
    return (
        f"| {r['name']} | {figure} | {r['target']} | {r['baseline']} | "
        f"{'yes' if r['met'] else '**no**'} | {r.get('note', '')} |"
    )


def write_partial_results(results: list[dict], parts: list[str], seconds: float) -> None:
    """Replace the rows of ``results`` in the table of the last full run (a row whose
    benchmark is new is added at the end) and note the re-run under the machine."""
    path = BENCH / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        sys.exit("bench/RESULTS.md has no table of a full run to update: run make bench")
    head, rest = text.split(START, 1)
    block, tail = rest.split(END, 1)
    lines = block.strip("\n").split("\n")
    fresh = {r["name"]: _row(r) for r in results}
    for i, line in enumerate(lines):
        name = line.split("|")[1].strip() if line.startswith("| ") else None
        if name in fresh:
            lines[i] = fresh.pop(name)
    lines.extend(fresh.values())
    load = os.getloadavg()
    note = (
        f"- re-run of {', '.join(parts)} only (`bench/run.py --only {','.join(parts)}`, "
        f"same bench database): {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{seconds / 60:.1f} min, load average when it ended: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; from that run: "
        + "; ".join(r["name"] for r in results)
    )
    table = next(i for i, line in enumerate(lines) if line.startswith("| benchmark |"))
    insert = table - 1 if table and not lines[table - 1].strip() else table
    lines.insert(insert, note)
    path.write_text(head + START + "\n" + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--only",
        type=lambda value: value.split(","),
        help=f"comma-separated, any of {', '.join(PARTS)}: re-run these alone on the "
        "existing bench database and update their rows",
    )
    args = parser.parse_args()
    if args.only and set(args.only) - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    if args.only:
        run_parts(args.only)
        return

    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.unlink(missing_ok=True)
    env = bench_env()
    env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"

    step("bench database, migrations, static files, demo content")
    fresh_database(env)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo")

    for size in SIZES:
        step(f"scale data: {size} applications")
        manage(
            env,
            "generate_scale_data",
            f"--organisations={max(100, size // 10)}",
            f"--applications={size}",
            f"--initiatives={max(100, size // 10)}",
        )
        manage(env, "shell", "-c", "from django.db import connection; "
               "connection.cursor().execute('VACUUM ANALYZE')")  # fmt: skip
        step(f"admin listing at {size} applications")
        final = ["--final"] if size == SIZES[-1] else []
        run([PYTHON, "bench/admin_listing.py", f"--size={size}", *final], env)

    served_and_import(env, PARTS)

    results = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines()]
    results.append(same_query_count_row(results))
    write_results(results, time.monotonic() - started)
    missed = [r["name"] for r in results if not r["met"]]
    print(f"\n{len(results) - len(missed)} of {len(results)} targets met; see bench/RESULTS.md")
    for name in missed:
        print(f"  missed: {name}")


if __name__ == "__main__":
    main()
