"""Case API list and detail, and the page API news list, under concurrent load.

wrk runs in its own process on loopback against the production-like run (gunicorn workers,
PostgreSQL, Redis) that ``bench/run.py`` started; the baseline is the bare ``/healthz`` view
served by the same gunicorn, measured just before in the same run. The case API is called
as a grant officer with a bearer token from ``/api/cases/auth/token`` (the officer sees every
application, so the list is the full 50 000).

Target: each endpoint reaches at least half of the bare view's requests per second, with no
errors.
"""

from __future__ import annotations

import argparse
import json
import urllib.request

from common import OUT, Result, report, setup_django, wrk

RATIO = 0.5


def token(base: str, username: str, password: str) -> str:
    request = urllib.request.Request(
        f"{base}/api/cases/auth/token",
        data=json.dumps({"username": username, "password": password, "name": "bench"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def detail_script(ids: list[int]) -> str:
    """A wrk script that walks through ``ids``, one detail request each."""
    path = OUT / "detail.lua"
    path.write_text(
        "ids = {" + ",".join(str(i) for i in ids) + "}\n"
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format("GET", "/api/cases/applications/" .. ids[(counter % #ids) + 1])\n'
        "end\n"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8123")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    setup_django()
    from kopiena.grants.models import Application

    ids = list(Application.objects.order_by("?").values_list("pk", flat=True)[:200])
    auth = {"Authorization": f"Bearer {token(args.base, 'koordinators', 'kopiena-demo')}"}
    run = {"seconds": args.seconds, "connections": args.connections}

    wrk(f"{args.base}/healthz", seconds=2, connections=2)  # warm every worker up
    bare = wrk(f"{args.base}/healthz", **run)
    baseline = f"/healthz {bare.requests_per_second:.0f} req/s"
    report(
        Result(
            name="bare /healthz (baseline)",
            figure=bare.requests_per_second,
            unit="req/s",
            target="no errors",
            baseline=f"p50 {bare.latency_p50_ms:.1f} ms",
            met=bare.errors == 0,
            note=f"{bare.requests} requests, {bare.errors} errors",
        )
    )
    endpoints = (
        ("case API list (/api/cases/applications)", "/api/cases/applications", auth, None),
        ("case API detail (/api/cases/applications/{id})", "/", auth, detail_script(ids)),
        (
            "page API news list (/api/v2/pages/?type=NewsPage)",
            "/api/v2/pages/?type=kopiena_pages.NewsPage&fields=*&order=-first_published_at",
            {},
            None,
        ),
    )
    for name, path, headers, script in endpoints:
        wrk(f"{args.base}{path}", seconds=2, connections=2, headers=headers, script=script)
        load = wrk(f"{args.base}{path}", headers=headers, script=script, **run)
        ratio = load.requests_per_second / bare.requests_per_second
        report(
            Result(
                name=name,
                figure=load.requests_per_second,
                unit="req/s",
                target=f"≥ {RATIO:.0%} of bare, no errors",
                baseline=baseline,
                met=ratio >= RATIO and load.errors == 0,
                note=(
                    f"{ratio:.0%} of bare; {load.requests} requests, {load.errors} errors; "
                    f"p50 {load.latency_p50_ms:.1f} ms, p99 {load.latency_p99_ms:.1f} ms"
                ),
            )
        )


if __name__ == "__main__":
    main()
