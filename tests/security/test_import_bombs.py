"""Imports are bounded before anything is expanded, and every malformed file is a clear
message on the form, never a 500.

The bomb is the one an adversarial test sent: a 1.5 kB XLSX whose sheet claims
1 048 576 rows × 16 384 columns (one gunicorn worker reached 4.5 GB expanding it)."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopiena.casework.importing import ImportFileError, read_dataset

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/import/"

OOXML = "http://schemas.openxmlformats.org"
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
REL = f"{OOXML}/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Types xmlns="{OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SML}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(sheet_xml: str | None, *, sheets=True, extra=None) -> bytes:
    """A minimal XLSX written by hand, so a test can say exactly what its sheet claims."""
    sheet_list = '<sheet name="Lapa1" sheetId="1" r:id="rId1"/>' if sheets else ""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            f"<?xml version='1.0' encoding='UTF-8'?><workbook {NS} {R_NS}><sheets>{sheet_list}"
            "</sheets></workbook>",
        )
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS if sheets else ROOT_RELS)
        if sheet_xml is not None:
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sheet(rows_xml: str, dimension: str = "A1:B2") -> str:
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><worksheet {NS}>"
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = '<row r="1">' + inline("A1", "Nosaukums") + inline("B1", "Reg. nr.") + "</row>"
BOMB = workbook(
    sheet(
        HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576"
    )
)


def _refused_quickly_and_small(data, seconds=2):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportFileError) as error:
            read_dataset(data, "bumba.xlsx")
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < seconds, elapsed
    assert peak < 200 * 1024 * 1024, peak
    return str(error.value)


def test_the_bomb_is_small():
    assert len(BOMB) < 2048


def test_a_sheet_claiming_a_million_rows_is_refused_fast_and_small():
    message = _refused_quickly_and_small(BOMB)
    assert "20000" in message.replace(" ", "").replace("\u00a0", "")


def test_a_sheet_lying_about_its_size_is_still_bounded():
    """No (or a false) dimension, a cell in the last row and column: read no further than
    the limits."""
    data = workbook(
        sheet(HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:B2")
    )
    # It reads up to the row limit before it can tell: bounded, if not as quick as the
    # declared dimension (a loaded machine has taken over 2 s).
    _refused_quickly_and_small(data, seconds=10)


def test_too_many_rows_of_real_data_are_refused(settings):
    settings.KOPIENA = {**settings.KOPIENA, "IMPORT_LIMITS": {"rows": 5}}
    rows = "".join(f'<row r="{n}">' + inline(f"A{n}", f"x{n}") + "</row>" for n in range(2, 9))
    data = workbook(sheet(HEADER + rows, dimension="A1:B3"))  # the dimension lies
    with pytest.raises(ImportFileError, match="5"):
        read_dataset(data, "x.xlsx")
    csv = "Nosaukums;Reg. nr.\n" + "".join(f"x{n};1\n" for n in range(7))
    with pytest.raises(ImportFileError, match="5"):
        read_dataset(csv.encode(), "x.csv")


def test_a_member_that_unpacks_past_the_limit_is_refused_before_inflating():
    zeros = workbook(sheet(HEADER), extra={"xl/padding.xml": b"\0" * (11 * 1024 * 1024)})
    assert len(zeros) < 100_000
    _refused_quickly_and_small(zeros)


def test_limits_are_settings(settings):
    settings.KOPIENA = {**settings.KOPIENA, "IMPORT_LIMITS": {"columns": 1}}
    with pytest.raises(ImportFileError):
        read_dataset(b"a;b\n1;2\n", "x.csv")


MALFORMED = {
    "bad-xml": workbook("<worksheet><sheetData><row><c>"),
    "no-sheets": workbook(None, sheets=False),
    "missing-sheet-part": workbook(None),
    "not-a-zip": b"PK\x03\x04" + b"\x00garbage" * 20,
    "cell-200kB-xlsx": workbook(
        sheet(HEADER + '<row r="2">' + inline("A2", "x" * 200_000) + "</row>")
    ),
    "cell-200kB-csv": b"Nosaukums;Reg. nr.\n" + b"x" * 200_000 + b";1\n",
    "quoted-cell-200kB-csv": b'Nosaukums;Reg. nr.\n"' + b"x" * 200_000 + b'";1\n',
    "bom-then-invalid-utf8": b"\xef\xbb\xbfNosaukums;Reg. nr.\n\xff\xfe\xfa;1\n",
    "odd-length-utf16": "Nosaukums;Reg. nr.\nx;1\n".encode("utf-16") + b"\x00",
}


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_is_a_message_not_a_500(data, client, officer):
    name = "fails.xlsx" if data.startswith(b"PK") else "fails.csv"
    with pytest.raises(ImportFileError):
        read_dataset(data, name)

    client.force_login(officer)
    client.raise_request_exception = False
    response = client.post(
        UPLOAD, {"kind": "organisations", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and all(str(e).strip() for e in errors)


def test_the_bomb_through_the_admin_is_a_form_error(client, officer):
    client.force_login(officer)
    started = time.perf_counter()
    response = client.post(
        UPLOAD, {"kind": "organisations", "file": SimpleUploadedFile("bumba.xlsx", BOMB)}
    )
    assert time.perf_counter() - started < 2
    assert response.status_code == 200 and response.context["form"].errors["file"]
