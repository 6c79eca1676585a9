"""Keeping the directory current: 12 months without confirmation flag an entry and mail its
organisation's members links to confirm or correct it, 18 months hide it; the editors get a
digest; a second run sends nothing new; the links work once, for their members, while
fresh."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from kopiena.casework import audit
from kopiena.social_map import freshness
from kopiena.social_map.models import Publication, Service
from tests.factories import entry

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def aged(service, days):
    Service.objects.filter(pk=service.pk).update(last_confirmed_on=TODAY - dt.timedelta(days=days))
    service.refresh_from_db()
    return service


def links(message):
    return re.findall(r"http\S+/portal/social-map/(?:confirm|changes)/\S+/", message.body)


def test_flag_hide_mail_and_digest(ngo, member, map_editor, outbox, committed):
    fresh = aged(entry(organization=ngo, name="Svaigs"), 100)
    stale = aged(entry(organization=ngo, name="Vecs"), 400)
    old = aged(entry(organization=ngo, name="Ļoti vecs"), 600)
    with committed():
        report = freshness.run(TODAY)
    assert {s.pk for s in report.flagged} == {stale.pk, old.pk}
    assert [s.pk for s in report.hidden] == [old.pk]
    for service, state in (
        (fresh, Publication.PUBLISHED),
        (stale, Publication.NEEDS_CONFIRMATION),
        (old, Publication.HIDDEN),
    ):
        service.refresh_from_db()
        assert service.publication == state
    assert [e.data["action"] for e in audit.entries_for(old)] == ["flag_stale", "hide_stale"]

    to_member = [m for m in outbox if m.to == [member.email]]
    to_editor = [m for m in outbox if m.to == [map_editor.email]]
    assert len(to_member) == 1 and len(to_editor) == 1
    assert "Vecs" in to_member[0].body and "Svaigs" not in to_member[0].body
    assert len(links(to_member[0])) == 4
    assert "Ļoti vecs" in to_editor[0].body

    outbox.clear()
    with committed():
        again = freshness.run(TODAY)
    assert not again.flagged and not again.hidden and outbox == []


def test_the_still_correct_link_confirms_once(client, ngo, member):
    service = aged(entry(organization=ngo), 600)
    freshness.run(TODAY)
    service.refresh_from_db()
    url = freshness.make_link(service, member, "confirm")
    path = url[url.index("/portal/") :]
    page = client.get(path)
    assert page.status_code == 200 and service.name in page.content.decode()
    service.refresh_from_db()
    assert service.publication == Publication.HIDDEN  # a GET changes nothing
    assert client.post(path).status_code == 200
    service.refresh_from_db()
    assert service.publication == Publication.PUBLISHED
    assert service.last_confirmed_by == member
    assert client.post(path).status_code == 400  # used


def test_bad_links_are_refused(client, ngo, member, settings):
    service = aged(entry(organization=ngo), 400)
    url = freshness.make_link(service, member, "confirm")
    path = url[url.index("/portal/") :]
    assert client.get(path[:-5] + "xxxx/").status_code == 400
    assert client.get("/portal/social-map/confirm/" + "a" * 400 + "/").status_code == 400
    ngo.grants_organisation.memberships.all().delete()
    assert client.get(path).status_code == 400


def test_the_needs_changes_link_opens_the_correction_form(client, ngo, member):
    service = aged(entry(organization=ngo), 400)
    url = freshness.make_link(service, member, "changes")
    response = client.get(url[url.index("/portal/") :])
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "social_map_portal:propose_correction", args=[service.pk]
    )


def test_the_months_are_settings(ngo, settings):
    settings.KOPIENA = {"SOCIAL_MAP_FLAG_AFTER_MONTHS": 3, "SOCIAL_MAP_HIDE_AFTER_MONTHS": 6}
    service = aged(entry(organization=ngo), 120)
    report = freshness.run(TODAY)
    assert [s.pk for s in report.flagged] == [service.pk] and not report.hidden


def test_the_command_queues_the_check(ngo, capsys):
    aged(entry(organization=ngo), 400)
    call_command("social_map_freshness", "--dry-run", "--today", TODAY.isoformat())
    assert "would flag 1" in capsys.readouterr().out
    call_command("social_map_freshness", "--today", TODAY.isoformat())
    assert Service.objects.get().publication == Publication.NEEDS_CONFIRMATION
