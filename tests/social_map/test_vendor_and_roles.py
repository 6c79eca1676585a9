"""The bundled map libraries are the locked ones (``make vendor`` rebuilds them from
``package-lock.json``); the role, the areas of help and the system check are in place."""

import hashlib
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

import kopiena.social_map
from kopiena.social_map.models import TaxonomyTerm

APP = Path(kopiena.social_map.__file__).parent
VENDOR = APP / "static" / "kopiena_social_map" / "vendor"
#: The npm sources are the repository's, not the package's (the wheel ships the built files).
FRONTEND = Path(__file__).resolve().parents[2] / "site" / "social_map" / "frontend"


def test_the_committed_map_libraries_are_the_locked_versions():
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    record = json.loads((VENDOR / "VERSIONS.json").read_text())
    wanted = json.loads((FRONTEND / "package.json").read_text())["dependencies"]
    assert set(record["packages"]) == set(wanted) == {"leaflet", "leaflet.markercluster"}
    for name, entry in record["packages"].items():
        locked = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == locked["version"] == wanted[name]
        assert entry["integrity"] == locked["integrity"]
        for file, digest in entry["files"].items():
            assert hashlib.sha256((VENDOR / name / file).read_bytes()).hexdigest() == digest, file


@pytest.mark.django_db
def test_the_role_group_and_the_areas_of_help_exist():
    group = Group.objects.get(name="Kopiena social map editors")
    assert group.permissions.filter(codename="view_proposal").exists()
    assert not group.permissions.filter(codename="change_proposal").exists()
    codes = set(TaxonomyTerm.objects.values_list("code", flat=True))
    assert {"food-and-goods", "item-exchange", "legal-aid", "self-help-groups"} <= codes
    assert TaxonomyTerm.objects.get(code="item-exchange").parent.code == "food-and-goods"


def test_the_pdf_check_is_quiet_when_weasyprint_loads():
    from kopiena.social_map.checks import check_pdf

    assert check_pdf(None) == []
