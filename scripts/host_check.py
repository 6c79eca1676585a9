#!/usr/bin/env python3
"""Prove that Kopiena installs into a bare Wagtail site by the README's section alone.

What it does, in a temporary folder, with nothing of this repository on the Python path:

1. builds the wheel and checks that its only top-level package is ``kopiena``;
2. makes a virtualenv, creates a site with ``wagtail start``, and follows the README's
   "Add Kopiena to an existing Wagtail site" literally: the ``host:shell`` blocks are run (with
   ``kopiena`` meaning the wheel just built), the ``host:settings`` block is appended to the
   site's settings, the ``host:urls`` line is put above Wagtail's own page URLs, the
   ``host:urls-pages`` block replaces them (the pages per language), the ``host:template``
   tag replaces the base template's ``<html>`` tag;
3. runs ``check``, ``migrate`` and ``scripts/host_smoke.py`` (the admin as a superuser,
   image consent on the image form, a news page with an image published under the host's
   home page, the portal, the case API's OpenAPI document, the page API), on SQLite and,
   with ``--postgres URL``, on PostgreSQL;
4. with ``--suite``, runs Kopiena's own test suite (``tests/`` without ``tests/demo/``) under
   that host's settings;
5. does 2–3 again for a second host that already has an app called ``pages`` and a module
   called ``config``.

Used by ``make test`` (``.ci/test-all``); run alone: ``.venv/bin/python scripts/host_check.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION = "## Add Kopiena to an existing Wagtail site"


def run(cmd, *, cwd=None, env=None, label=None):
    print(f"$ {label or ' '.join(str(c) for c in cmd)}", flush=True)
    subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, check=True)


def readme_steps() -> list[tuple[str, str]]:
    """The (kind, text) code blocks of the README's host section, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else None]
    blocks = re.findall(r"<!-- host:([\w-]+) -->\s*```\w*\n(.*?)```", section, re.S)
    kinds = [kind for kind, _ in blocks]
    for needed in ("shell", "settings", "urls", "urls-pages", "template"):
        if needed not in kinds:
            raise SystemExit(f"README's host section has no host:{needed} block")
    return blocks


def build_wheel(work: Path) -> Path:
    dist = work / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, REPO])
    wheel = next(dist.glob("kopiena-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
    tops = {t for t in tops if not t.endswith(".dist-info")}
    if tops != {"kopiena"}:
        raise SystemExit(f"the wheel installs {sorted(tops)}, not only kopiena/")
    print(f"wheel {wheel.name}: the only top-level package is kopiena/")
    return wheel


def make_venv(work: Path, wheel: Path, *, suite: bool) -> Path:
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv])
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    for kind, text in readme_steps():
        if kind == "shell":
            for line in text.splitlines():
                if line.startswith("pip install"):
                    spec = line.split(None, 2)[2].strip().strip('"')
                    run([*pip, spec.replace("kopiena", str(wheel), 1)], label=line)
    if suite:
        pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
        dev = [
            d
            for d in pyproject["project"]["optional-dependencies"]["dev"]
            if not d.startswith("kopiena")
        ]
        run([*pip, *dev], label="pip install <the test tools of pyproject's dev extra>")
    return venv


def start_site(venv: Path, parent: Path, name: str) -> Path:
    run([venv / "bin" / "wagtail", "start", name], cwd=parent)
    return parent / name


def apply_readme(site: Path, name: str) -> None:
    settings = site / name / "settings" / "base.py"
    urls = site / name / "urls.py"
    for kind, text in readme_steps():
        if kind == "settings":
            settings.write_text(settings.read_text() + "\n\n" + text)
        elif kind == "urls":
            source = urls.read_text()
            anchor = re.search(r'^(\s*)path\("", include\(wagtail_urls\)\),', source, re.M)
            if anchor is None:
                raise SystemExit("the host's urls.py has no Wagtail page URLs to go above")
            source = source[: anchor.start()] + text.rstrip("\n") + "\n" + source[anchor.start() :]
            urls.write_text(source)
        elif kind == "urls-pages":
            source = urls.read_text()
            pages = r'^\s*path\("", include\(wagtail_urls\)\),\n'
            source, count = re.subn(pages, "", source, count=1, flags=re.M)
            if not count:
                raise SystemExit("the host's urls.py has no Wagtail page URLs to move")
            urls.write_text(source.rstrip("\n") + "\n\n" + text)
        elif kind == "template":
            base = site / name / "templates" / "base.html"
            source, count = re.subn(r"<html[^>]*>", text.strip(), base.read_text(), count=1)
            if not count:
                raise SystemExit("the host's base.html has no <html> tag")
            base.write_text(source)
    print(f"applied the README's section to {site.name}")


def ci_settings(site: Path, name: str, database_url: str | None, *, tests: bool) -> str:
    """A settings module beside the host's own for this run: its database, and for the
    suite the usual test speed-ups. Nothing Kopiena needs is added here."""
    lines = ["from .dev import *  # noqa: F403", ""]
    if database_url:
        lines += [
            "DATABASES = {'default': {",
            "    'ENGINE': 'django.db.backends.postgresql',",
            f"    'NAME': {database_url.rsplit('/', 1)[1]!r},",
            "    'HOST': '127.0.0.1', 'USER': 'postgres', 'PORT': 5432,",
            "}}",
        ]
    if tests:
        lines += [
            "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']",
            "EMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'",
            "WAGTAILADMIN_BASE_URL = 'http://testserver'",
            "ALLOWED_HOSTS = ['testserver', '127.0.0.1', 'localhost']",
            "STORAGES = {**STORAGES, 'default': {'BACKEND': "  # noqa: F405
            "'django.core.files.storage.InMemoryStorage'},",
            "    'private': {'BACKEND': 'django.core.files.storage.InMemoryStorage'}}",
            "import os",
            "if os.environ.get('TEST_DATABASE_NAME'):",
            "    DATABASES['default'].setdefault('TEST', {})['NAME'] = "  # noqa: F405
            "os.environ['TEST_DATABASE_NAME']",
        ]
    module = "ci_tests" if tests else "ci"
    (site / name / "settings" / f"{module}.py").write_text("\n".join(lines) + "\n")
    return f"{name}.settings.{module}"


def host_env(venv: Path, settings: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        PATH=f"{venv / 'bin'}:{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
    )
    return env


def smoke(venv: Path, site: Path, settings: str) -> None:
    env = host_env(venv, settings)
    python = venv / "bin" / "python"
    run([python, "manage.py", "check", "--fail-level", "WARNING"], cwd=site, env=env)
    for kind, text in readme_steps():
        if kind == "shell":
            for line in text.splitlines():
                if line.startswith("python manage.py"):
                    run([python, *line.split()[1:], "--noinput"], cwd=site, env=env, label=line)
    run([python, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=site, env=env)
    shutil.copy(REPO / "scripts" / "host_smoke.py", site / "host_smoke.py")
    run([python, "host_smoke.py"], cwd=site, env=env)


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"'],
        check=False,
        capture_output=True,
    )


def create_database(url: str) -> None:
    drop_database(url)
    name = url.rsplit("/", 1)[1]
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f'CREATE DATABASE "{name}"'],
        check=True,
        capture_output=True,
    )


def suite(
    venv: Path,
    site: Path,
    name: str,
    workers: str,
    database_url: str | None,
    only: list[str] | None = None,
) -> None:
    settings = ci_settings(site, name, database_url, tests=True)
    ini = site / "pytest.ini"
    ini.write_text(
        "[pytest]\n"
        f"DJANGO_SETTINGS_MODULE = {settings}\n"
        f"pythonpath = {site} {REPO}\n"
        "addopts = -ra --strict-markers -p no:cacheprovider\n"
        "markers =\n"
        "    postgres: needs PostgreSQL\n"
        "    browser: drives a real Chromium\n"
        "filterwarnings =\n"
        "    ignore::DeprecationWarning:taggit.*\n"
    )
    env = host_env(venv, settings)
    if database_url:
        env["TEST_DATABASE_NAME"] = "test_" + database_url.rsplit("/", 1)[1]
    run(
        [
            venv / "bin" / "pytest",
            "-c",
            ini,
            "--rootdir",
            REPO,
            "-n",
            workers,
            *([REPO / "tests" / path for path in only] if only else [REPO / "tests"]),
            "--ignore",
            REPO / "tests" / "demo",
        ],
        cwd=site,
        env=env,
        label=f"pytest tests/ (without tests/demo/) under {settings}",
    )


def second_host(venv: Path, work: Path) -> None:
    """A site that already has an app called ``pages`` and a module called ``config``."""
    site = start_site(venv, work, "host2")
    env = host_env(venv, "host2.settings.dev")
    run([venv / "bin" / "python", "manage.py", "startapp", "pages"], cwd=site, env=env)
    (site / "config.py").write_text('"""The host\'s own module called config."""\nNAME = "host2"\n')
    base = site / "host2" / "settings" / "base.py"
    base.write_text(base.read_text().replace('    "home",\n', '    "home",\n    "pages",\n', 1))
    apply_readme(site, "host2")
    smoke(venv, site, ci_settings(site, "host2", None, tests=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL server")
    parser.add_argument("--suite", action="store_true", help="run Kopiena's tests in the host")
    parser.add_argument("--suite-postgres", action="store_true", help="…on PostgreSQL too")
    parser.add_argument("--workers", default=os.environ.get("PYTEST_WORKERS", "2"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--tests", nargs="*", default=None, help="with --suite: only these paths under tests/"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kopiena-host-"))
    try:
        wheel = build_wheel(work)
        venv = make_venv(work, wheel, suite=args.suite)
        site = start_site(venv, work, "hostsite")
        apply_readme(site, "hostsite")
        smoke(venv, site, ci_settings(site, "hostsite", None, tests=False))
        if args.postgres:
            url = args.postgres.rsplit("/", 1)[0] + "/kopiena_host_check"
            create_database(url)
            try:
                smoke(venv, site, ci_settings(site, "hostsite", url, tests=False))
            finally:
                drop_database(url)
        if args.suite:
            suite(venv, site, "hostsite", args.workers, None, args.tests)
            if args.suite_postgres and args.postgres:
                url = args.postgres.rsplit("/", 1)[0] + "/kopiena_host_suite"
                suite(venv, site, "hostsite", args.workers, url, args.tests)
        second_host(venv, work)
        print("host check: Kopiena works in a bare Wagtail site by the README alone")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
