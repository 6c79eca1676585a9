"""What the benchmarks share: the bench environment (production settings against the
``kopiena_bench`` database), Django set-up for the in-process parts, the load generator
(wrk) and the one way a figure is reported.

Every benchmark reports through :func:`report`: it prints the figure beside its target and
the baseline measured in the same run, and appends it to ``bench/out/results.jsonl``, from
which ``bench/run.py`` writes the table in ``bench/RESULTS.md``.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results.jsonl"
PYTHON = str(ROOT / ".venv" / "bin" / "python")

#: The bench database: its own, never the development or the test databases.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kopiena_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"


def bench_env(port: int | None = None) -> dict[str, str]:
    """The environment of the production-like run, for subprocesses and this process."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "demo.settings.production",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "DB_CONN_MAX_AGE": "60",
            "KOPIENA_VAR_DIR": str(OUT / "var"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            # The bench database is a throwaway: load_demo may fill it (it refuses otherwise
            # on production settings).
            "KOPIENA_ALLOW_DEMO_DATA": "1",
        }
    )
    if port:
        env["WAGTAILADMIN_BASE_URL"] = f"http://127.0.0.1:{port}"
        env["CSRF_TRUSTED_ORIGINS"] = f"http://127.0.0.1:{port}"
    return env


def setup_django() -> None:
    """Production settings against the bench database, in this process."""
    os.environ.update(bench_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@dataclass
class Result:
    name: str
    figure: float
    unit: str
    target: str
    baseline: str
    met: bool
    note: str = ""


def report(result: Result) -> Result:
    OUT.mkdir(parents=True, exist_ok=True)
    verdict = "met" if result.met else "MISSED"
    figure = f"{result.figure:,.1f} {result.unit}".replace(",", " ")
    print(
        f"{result.name:<48} {figure:>16}   target {result.target:<22} "
        f"baseline {result.baseline:<24} {verdict}",
        flush=True,
    )
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
    return result


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


# --- wrk ------------------------------------------------------------------------------------


@dataclass
class Load:
    requests_per_second: float
    requests: int
    errors: int  # socket errors, timeouts and non-2xx/3xx answers
    latency_p50_ms: float
    latency_p99_ms: float


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:  # "-nanus": no request finished
        return float("nan")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(
    url: str,
    *,
    seconds: int = 10,
    connections: int = 8,
    threads: int = 2,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
) -> Load:
    """Run wrk (Debian's ``/usr/bin/wrk``) against ``url`` from a separate process."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    # the percentile lines of "Latency Distribution", not a "96.50%" of the stdev columns
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    return Load(rps, total, errors, p50, p99)
