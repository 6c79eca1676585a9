"""Settings behave as the README says: production refuses to start without its secrets and
passes Django's deployment checks with them; environment variables switch database and
cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    # Start from this process's environment without what the test run itself sets (the
    # browser tests allow Django's ORM beside Playwright's event loop, which the deployment
    # checks rightly refuse).
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_production_without_secret_key_stops_with_a_sentence_saying_what_to_set():
    result = run_manage(
        "check", env_overrides={"DJANGO_SETTINGS_MODULE": "demo.settings.production"}
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_without_allowed_hosts_stops_too():
    result = run_manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "demo.settings.production",
            "SECRET_KEY": "x" * 60,
        },
    )
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_production_passes_check_deploy_with_its_environment_set():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "demo.settings.production",
            "SECRET_KEY": "kopiena-" + "a1B2c3D4e5" * 6,
            "ALLOWED_HOSTS": "kopiena.example.lv",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_switches_the_cache_to_redis():
    code = "from demo.settings import base; print(base.CACHES['default']['BACKEND'])"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3", "PYTHONPATH": str(ROOT / "site")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.strip() == "django.core.cache.backends.redis.RedisCache", out.stderr


def test_database_url_switches_the_database():
    code = "from demo.settings import base; print(base.DATABASES['default']['ENGINE'])"
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kopiena",
        "PYTHONPATH": str(ROOT / "site"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.strip() == "django.db.backends.postgresql", out.stderr


def test_riga_time_and_latvian_first():
    assert settings.TIME_ZONE == "Europe/Riga"
    assert settings.LANGUAGE_CODE == "lv"
    assert [code for code, _ in settings.LANGUAGES] == ["lv", "en", "ru"]


@pytest.mark.django_db
def test_wagtail_admin_speaks_latvian(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.lv", "pw")
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 200
    # Wagtail's own Latvian catalogue is active: the dashboard greets in Latvian.
    assert 'lang="lv"' in response.text
    assert "Informācijas panelis" in response.text or "Sveicināti" in response.text
