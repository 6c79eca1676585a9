"""The project's own strings are translated: Latvian completely (the site's default language),
Russian alongside it, and the compiled .mo files in the repository match their .po sources
(a fresh machine may have no gettext to compile them)."""

import ast
import gettext
import os
import re
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


#: The names ``makemessages`` passes to xgettext (Django's keywords plus xgettext's own for
#: Python); a gettext function imported under any other name is never extracted, and its
#: strings stay English in every language however complete the catalogues look.
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_MODULES = {"django.utils.translation"}


def python_sources():
    for folder in (SOURCE, ROOT / "demo"):
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def gettext_leaks(path):
    """Where ``path`` hides a string from makemessages: gettext under an alias, gettext
    assigned to another name, or a translated f-string / concatenation."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    leaks = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in TRANSLATION_MODULES:
            for alias in node.names:
                if "gettext" in alias.name and (alias.asname or alias.name) not in EXTRACTED_NAMES:
                    leaks.append(f"{path}:{node.lineno} imports {alias.name} as {alias.asname}")
        elif isinstance(node, ast.Assign) and isinstance(node.value, (ast.Name, ast.Attribute)):
            source = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if source in EXTRACTED_NAMES - {"_"} and any(
                isinstance(t, ast.Name) and t.id not in EXTRACTED_NAMES for t in node.targets
            ):
                leaks.append(f"{path}:{node.lineno} renames {source}")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in EXTRACTED_NAMES and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp)):
                leaks.append(f"{path}:{node.lineno} translates a computed string")
    return leaks


def test_gettext_is_only_used_under_names_makemessages_extracts():
    leaks = [leak for path in python_sources() for leak in gettext_leaks(path)]
    assert not leaks, "\n".join(leaks)


def test_the_leak_check_finds_an_alias(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.utils.translation import gettext as _t\n"
        "from django.utils.translation import gettext\n"
        "tr = gettext\n"
        "x = _t('hidden') + gettext(f'{x} hidden')\n"
    )
    assert len(gettext_leaks(sample)) == 3


def extracted_catalogue(app_folder, workdir):
    """What ``makemessages`` finds in ``app_folder`` today (a copy, so the repository's
    catalogues are untouched): the msgids, each with its plural and context."""
    from django.core.management import call_command

    copy = workdir / app_folder.name
    shutil.copytree(app_folder, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["lv"], ignore_patterns=["migrations/*"], verbosity=0)
    finally:
        os.chdir(cwd)
    return messages(parse_po(copy / "locale" / "lv" / "LC_MESSAGES" / "django.po"))


#: Words every language writes the same way.
SAME_IN_EVERY_LANGUAGE = {"IBAN", "PDF", "CSV", "XLSX", "API", "URL"}


def has_words(text):
    """False for a pure pattern such as "%(start)s – %(end)s", which may stay as it is."""
    return bool(re.search(r"[^\W\d_]", re.sub(r"%\(\w+\)[sdf]", "", text)))


#: The demo's catalogue is checked where the demo runs (in a host, only the plugin's are).
DEMO_RUNS = "demo.home" in settings.INSTALLED_APPS
APP_FOLDERS = sorted(
    {p.parents[3] for p in PO_FILES if DEMO_RUNS or p.parents[3].name != "demo"},
    key=lambda folder: folder.name,
)


@pytest.mark.parametrize("folder", APP_FOLDERS, ids=lambda folder: folder.name)
def test_every_string_in_the_source_is_translated_in_latvian_and_russian(folder, tmp_path):
    """The catalogues' completeness means nothing if they are older than the code: extract
    the strings afresh and look each up in the running site's merged catalogues."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    missing = []
    for entry in extracted_catalogue(folder, tmp_path):
        for lang in LANGS:
            with translation.override(lang):
                if entry.get("msgid_plural"):
                    got = translation.ngettext(entry["msgid"], entry["msgid_plural"], 5)
                    english = entry["msgid_plural"]
                elif entry.get("msgctxt"):
                    got = translation.pgettext(entry["msgctxt"], entry["msgid"])
                    english = entry["msgid"]
                else:
                    got = translation.gettext(entry["msgid"])
                    english = entry["msgid"]
            if got == english and has_words(english) and english not in SAME_IN_EVERY_LANGUAGE:
                missing.append(f"{lang}: {entry['msgid']!r}")
    assert not missing, f"not in the {folder.name} catalogues:\n" + "\n".join(missing)
