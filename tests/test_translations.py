"""The project's own strings are translated: Latvian completely (the site's default language),
Russian alongside it, and the compiled .mo files in the repository match their .po sources
(a fresh machine may have no gettext to compile them)."""

import ast
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "site"
#: Each app's catalogue (site/<app>/locale/...) and the demo project's (demo/locale/...).
PO_FILES = sorted(
    [*SOURCE.glob("*/locale/*/LC_MESSAGES/*.po"), *ROOT.glob("demo/locale/*/LC_MESSAGES/*.po")]
)
LANGS = ("lv", "ru")


def po_files(lang):
    return [p for p in PO_FILES if p.parent.parent.name == lang]


def _unquote(line):
    return ast.literal_eval(line)


def parse_po(path):
    """A tiny .po reader: one dict per entry with msgid, msgid_plural, msgstr (list), flags."""
    entries, entry, key = [], None, None

    def flush():
        if entry is not None and not entry.get("obsolete"):
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            if entry is not None and "msgid" not in entry:
                entry["obsolete"] = True
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                flush()
                entry = None
            if entry is None:
                entry = {"flags": set(), "msgstr": {}}
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if entry is None or ("msgid" in entry and line.startswith(("msgid ", "msgctxt "))):
            flush()
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("msgctxt "):
            key = ("msgctxt",)
            entry["msgctxt"] = _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            key = ("msgid_plural",)
            entry["msgid_plural"] = _unquote(line[13:])
        elif line.startswith("msgid "):
            key = ("msgid",)
            entry["msgid"] = _unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            key = ("msgstr", index)
            entry["msgstr"][index] = _unquote(line[line.index("]") + 2 :])
        elif line.startswith("msgstr "):
            key = ("msgstr", 0)
            entry["msgstr"][0] = _unquote(line[7:])
        elif line.startswith('"'):
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += _unquote(line)
            else:
                entry[key[0]] += _unquote(line)
    flush()
    return entries


def header(entries):
    head = next(e for e in entries if e["msgid"] == "")
    return dict(
        line.split(": ", 1) for line in head["msgstr"][0].splitlines() if ": " in line
    ), head


def messages(entries):
    return [e for e in entries if e["msgid"] != ""]


def test_every_app_with_strings_has_latvian_and_russian_catalogues():
    apps = {p.parts[-5] for p in PO_FILES}
    assert {"pages", "grants", "casework", "community_work", "portal", "demo"} <= apps
    for app in apps:
        folder = ROOT / "demo" if app == "demo" else SOURCE / app
        for lang in LANGS:
            assert (folder / "locale" / lang / "LC_MESSAGES" / "django.po").exists(), (
                app,
                lang,
            )


@pytest.mark.parametrize("lang", LANGS)
def test_headers_declare_language_and_three_plural_forms(lang):
    for path in po_files(lang):
        meta, head = header(parse_po(path))
        assert meta["Language"] == lang, path
        assert meta["Plural-Forms"].startswith("nplurals=3;"), path
        assert "charset=UTF-8" in meta["Content-Type"], path
        assert "fuzzy" not in head["flags"], path


@pytest.mark.parametrize("path", po_files("lv"), ids=lambda p: p.parts[-5])
def test_latvian_catalogue_is_complete_and_has_no_fuzzy_entries(path):
    entries = messages(parse_po(path))
    assert entries, path
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [
        e["msgid"]
        for e in entries
        if not e["msgstr"]
        or any(not s for s in e["msgstr"].values())
        or (e.get("msgid_plural") and len(e["msgstr"]) != 3)
    ]
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    assert not untranslated, f"untranslated in {path}: {untranslated}"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_msgfmt_accepts_the_catalogue(path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    if path.parent.parent.name == "lv":
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_compiled_mo_is_committed_and_matches_its_po(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages and commit the .mo"
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    for entry in messages(parse_po(path)):
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values()):
            continue
        if entry.get("msgid_plural"):
            for n in (1, 2, 5, 11):
                got = catalog.ngettext(entry["msgid"], entry["msgid_plural"], n)
                assert got in entry["msgstr"].values(), (mo, entry["msgid"])
        else:
            if entry.get("msgctxt"):
                got = catalog.pgettext(entry["msgctxt"], entry["msgid"])
            else:
                got = catalog.gettext(entry["msgid"])
            assert got == entry["msgstr"][0], f"{mo} is older than its .po ({entry['msgid']!r})"


def test_latvian_is_active_for_status_labels_and_messages():
    from kopiena.grants.models import ApplicationStatus

    with translation.override("lv"):
        assert str(ApplicationStatus.SUBMITTED.label) == "Iesniegts"
        assert str(ApplicationStatus.CHANGES_REQUESTED.label) == "Jāprecizē"
        assert str(ApplicationStatus.RECOMMENDED.label) == "Ieteikts finansēšanai"
        assert translation.gettext("Sign up for the NGO portal") == "Reģistrēšanās NVO portālā"
        assert translation.gettext("Internal comment") == "Iekšējs komentārs"
        assert translation.gettext("Pilot stories") == "Pilotprojektu stāsti"
    with translation.override("ru"):
        assert str(ApplicationStatus.SUBMITTED.label) == "Подано"
        assert translation.gettext("Sign up for the NGO portal") == "Регистрация в портале НГО"
    with translation.override("en"):
        assert str(ApplicationStatus.SUBMITTED.label) == "Submitted"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("lv", 1, "Atrasta 1 lapa"),
        ("lv", 21, "Atrasta 21 lapa"),
        ("lv", 3, "Atrastas 3 lapas"),
        ("lv", 11, "Atrastas 11 lapas"),
        ("ru", 1, "Найдена 1 страница"),
        ("ru", 3, "Найдены 3 страницы"),
        ("ru", 5, "Найдено 5 страниц"),
        ("ru", 12, "Найдено 12 страниц"),
    ],
)
def test_plural_forms(lang, n, expected):
    with translation.override(lang):
        text = translation.ngettext("%(counter)s page found", "%(counter)s pages found", n)
    assert text % {"counter": n} == expected


@pytest.mark.django_db
def test_portal_sign_up_page_is_latvian_by_default_and_follows_the_language_switch(client):
    page = client.get("/portal/signup/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Reģistrēšanās NVO portālā" in page.content.decode()
    for code, title in (("ru", "Регистрация в портале НГО"), ("en", "Sign up for the NGO portal")):
        other = Client()
        other.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        assert title in other.get("/portal/signup/").content.decode()
