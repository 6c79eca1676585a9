"""The booklet (HTML and an A4 PDF with DejaVu fonts) and the editors' admin: the proposal
queue with its diff, the entry form that publishes, and the listings' queries."""

import pytest
from django.urls import reverse

from kopiena.social_map import entries, proposals
from kopiena.social_map.models import Proposal, Service
from tests.factories import entry

pytestmark = pytest.mark.django_db


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to read the font names."""
    import re
    import zlib

    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"".join(parts)


def test_the_booklet_lists_the_entries_by_area(client, map_page):
    entry(name="Zupas virtuve", areas=("food-and-goods",))
    entry(name="Juristu konsultācija", areas=("legal-aid",))
    response = client.get(f"{map_page.url}buklets/", {"area": "legal-aid"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Juristu konsultācija" in html and "Zupas virtuve" not in html


def test_the_booklet_pdf(client, map_page):
    for n in range(12):
        entry(name=f"Palīdzība {n}", name_ru=f"Помощь {n}")
    response = client.get(f"{map_page.url}buklets/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert b"DejaVu-Sans" in _inflated(pdf)  # the font with Latvian and Cyrillic letters
    again = client.get(f"{map_page.url}buklets/pdf/")
    assert again.content == pdf  # from the cache


def test_an_editor_reads_the_diff_and_publishes_in_the_admin(client, ngo, member, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    base = entries.snapshot(service)
    document = {**base, "service": {**base["service"], "name": "Zupas virtuve"}}
    proposal = proposals.propose(
        user=member,
        organization=ngo,
        document=document,
        service=service,
        base_data=base,
        base_digest=entries.digest(base),
    )
    client.force_login(map_editor)
    inspect = client.get(reverse("kopiena_social_map_proposal:inspect", args=[proposal.pk]))
    html = inspect.content.decode()
    assert inspect.status_code == 200
    assert "Mantu apmaiņa" in html and "Zupas virtuve" in html
    publish = reverse("kopiena_social_map_proposal:transition", args=[proposal.pk, "publish"])
    response = client.post(publish, {})
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).name == "Zupas virtuve"
    assert client.get(reverse("kopiena_social_map_proposal:index")).status_code == 200
    assert client.get(reverse("kopiena_social_map_service:index")).status_code == 200


def test_the_editors_entry_form_publishes_at_once(client, ngo, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    client.force_login(map_editor)
    url = reverse("kopiena_social_map_service:entry_edit", args=[service.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = entries.to_form_data(entries.snapshot(service))
    data = {k: data.getlist(k) if len(data.getlist(k)) > 1 else data[k] for k in data}
    data["areas"] = entries.to_form_data(entries.snapshot(service)).getlist("areas")
    data.update(name="Apmaiņas punkts", base_digest=page.context["base_digest"])
    response = client.post(url, data)
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).name == "Apmaiņas punkts"
    assert Proposal.objects.get().proposed_as == "editor"


def test_people_who_are_not_editors_stay_out(client, ngo, member):
    service = entry(organization=ngo)
    client.force_login(member)
    url = reverse("kopiena_social_map_service:entry_edit", args=[service.pk])
    assert client.get(url).status_code in (302, 403)
