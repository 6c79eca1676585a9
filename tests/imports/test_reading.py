"""Reading spreadsheets the way Latvian offices save them, and the cell parsers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from kopiena.casework.importing import ImportFileError, read_dataset
from kopiena.casework.importing.widgets import LatvianDecimalWidget, parse_date, parse_decimal

TEXT = "Nosaukums;Summa\nBiedrība “Ērgļi”;1 234,50\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1257"),
        TEXT.replace(";", ",").replace("1 234,50", '"1 234,50"').encode("utf-8"),
        TEXT.replace(";", "\t").encode("cp1257"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1257", "comma", "tab-1257", "crlf"],
)
def test_encodings_and_separators(data):
    dataset = read_dataset(data, "x.csv")

    assert dataset.headers == ["Nosaukums", "Summa"]
    assert list(dataset) == [("Biedrība “Ērgļi”", "1 234,50")]


def test_blank_rows_keep_the_line_numbers_and_headers_are_trimmed():
    dataset = read_dataset(b"  Nosaukums ;Summa;;\nA;1\n;\nB;2\n;;\n", "x.csv")

    assert dataset.headers == ["Nosaukums", "Summa"]
    assert list(dataset) == [("A", "1"), ("", ""), ("B", "2")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("1\u202f234,5", "1234.5"),
        ("1234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("12 €", "12"),
        (" 7 ", "7"),
        (3.5, "3.5"),
        (12, "12"),
    ],
)
def test_latvian_numbers(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,2,3.4.5", "1..2", "NaN"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_money_refuses_fractions_of_cents():
    with pytest.raises(ValueError):
        LatvianDecimalWidget(places=2).clean("1,234")
    assert LatvianDecimalWidget(places=2).clean("1,5") == Decimal("1.50")


@pytest.mark.parametrize(
    "value", ["31.12.2024", "2024-12-31", "31.12.24", dt.datetime(2024, 12, 31), "31.12.2024."]
)
def test_dates(value):
    assert parse_date(value) == dt.date(2024, 12, 31)


@pytest.mark.parametrize("value", ["31.13.2024", "12/31/2024", "vakar"])
def test_not_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_a_renamed_spreadsheet_is_refused():
    with pytest.raises(ImportFileError):
        read_dataset(b"PK\x03\x04garbage", "x.xlsx")
    with pytest.raises(ImportFileError):
        read_dataset(b"\xd0\xcf\x11\xe0\x00\x00\x00", "old.xls")


def test_the_headers_must_be_on_the_first_row():
    """Row numbers in messages are the spreadsheet's lines, so nothing is skipped above."""
    with translation.override("en"), pytest.raises(ImportFileError, match="first row"):
        read_dataset(b";\nNosaukums;Summa\nA;1\n", "x.csv")
