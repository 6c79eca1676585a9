"""``load_demo`` creates accounts with the public demo password: it refuses to run on
production settings (DEBUG off) unless told explicitly that the database is a throwaway."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_on_production_settings(settings, monkeypatch):
    settings.DEBUG = False
    settings.KOPIENA_DEMO_DATA_ALLOWED = False
    monkeypatch.delenv("KOPIENA_ALLOW_DEMO_DATA", raising=False)
    with pytest.raises(CommandError, match="public demo password"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_a_throwaway_benchmark_database_may_have_the_demo(settings, monkeypatch):
    settings.DEBUG = False
    settings.KOPIENA_DEMO_DATA_ALLOWED = False
    monkeypatch.setenv("KOPIENA_ALLOW_DEMO_DATA", "1")
    from demo.data.management.commands.load_demo import demo_data_allowed

    assert demo_data_allowed()


def test_the_plugin_has_no_load_demo_of_its_own():
    """Outside the demo project the command does not exist: it is not in the package."""
    import importlib.util

    assert importlib.util.find_spec("kopiena.casework.management.commands.load_demo") is None
    assert importlib.util.find_spec("demo.data.management.commands.load_demo") is not None
