"""The load balancer's probe answers from the process alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.demo.test_settings import run_manage

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_a_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_and_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_production_answers_the_probe_over_plain_http():
    """Production redirects http to https, except the load balancer's probe."""
    result = run_manage(
        "shell",
        "-c",
        "from django.test import Client; "
        "c = Client(); "
        "print(c.get('/healthz').status_code, c.get('/portal/').status_code)",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "demo.settings.production",
            "SECRET_KEY": "kopiena-" + "a1B2c3D4e5" * 6,
            "ALLOWED_HOSTS": "testserver",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "301"]
