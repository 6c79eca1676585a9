"""The version matrix (``make test-matrix``): Kopiena's suite against each Wagtail and Django
release it claims, on SQLite and on PostgreSQL, each in a fresh virtualenv.

The claim is pyproject.toml's ``wagtail>=8.0,<8.1`` and ``Django>=5.2,<5.3``: the oldest and
the newest release of each line are tested. Wagtail's LTS line (7.4) is not claimed: Kopiena
uses Wagtail 8 APIs (the page API's rich-text formats in ``wagtail.api.rich_text``, and
migrations written against Wagtail 8's swappable page model), so it cannot import there; the
README says so. Django 6.0 needs Python 3.12 or newer, which this project's machines do not
have.
"""

import os

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

WAGTAIL = ["8.0", "8.0.1"]
DJANGO = ["5.2", "5.2.19"]
DATABASES = {
    "sqlite": None,
    "postgres": os.environ.get(
        "MATRIX_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    ),
}


@nox.session(python=False)
@nox.parametrize("database", list(DATABASES))
@nox.parametrize("django", DJANGO)
@nox.parametrize("wagtail", WAGTAIL)
def tests(session, wagtail, django, database):
    venv = f".nox/wagtail-{wagtail}-django-{django}"
    if not os.path.exists(f"{venv}/bin/python"):
        session.run("python3", "-m", "venv", venv, external=True)
    python = f"{venv}/bin/python"
    session.run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "-e",
        ".[dev]",
        f"wagtail=={wagtail}",
        f"Django=={django}",
        external=True,
    )
    env = {"DJANGO_SETTINGS_MODULE": "demo.settings.test"}
    url = DATABASES[database]
    if url:
        env["DATABASE_URL"] = url
        env["TEST_DATABASE_NAME"] = f"test_matrix_{wagtail}_{django}".replace(".", "_")
    session.run(
        python,
        "-m",
        "pytest",
        "-n",
        os.environ.get("PYTEST_WORKERS", "2"),
        "-q",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env=env,
        external=True,
    )
