"""Checking an uploaded attachment by its content, not by its name.

Accepted: PDF, DOCX, XLSX, JPEG and PNG up to :data:`MAX_UPLOAD_SIZE`. PDF, JPEG and PNG are
recognised by their magic bytes (the ``filetype`` package); DOCX and XLSX are ZIP files, so
the archive is opened and must hold ``[Content_Types].xml`` and the main part of a Word
document (``word/document.xml``) or an Excel workbook (``xl/workbook.xml``). The file's
extension must name the type found, so ``quote.pdf`` that is really a PNG is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # 10 MB

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Content type → the extensions a file of that type may carry.
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
}
ACCEPT = ",".join(ext for exts in EXTENSIONS.values() for ext in exts)

_OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    name: str


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head) if head else None
    mime = kind.mime if kind else None
    if mime in (PDF, JPEG, PNG):
        return mime
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_type(upload)
    return None


def _ooxml_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for mime, part in _OOXML_MAIN_PART.items():
        if part in names:
            return mime
    return None


def clean_name(name: str) -> str:
    """The last part of the name the browser sent, without control characters, at most
    255 characters (the extension kept)."""
    name = PurePath(str(name).replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    name = name.strip(" .") or "file"
    if len(name) > 255:
        suffix = PurePath(name).suffix[:10]
        name = name[: 255 - len(suffix)] + suffix
    return name


def too_large_message(size=None) -> str:
    if size is None:
        return _("The file is larger than %(max)s; files may be at most %(max)s.") % {
            "max": filesizeformat(MAX_UPLOAD_SIZE)
        }
    return _("The file is %(size)s; files may be at most %(max)s.") % {
        "size": filesizeformat(size),
        "max": filesizeformat(MAX_UPLOAD_SIZE),
    }


def check_upload(upload) -> CheckedFile:
    """Raise ``ValidationError`` unless ``upload`` is an accepted document."""
    if upload is None:
        raise ValidationError(_("Choose a file."), code="required")
    size = upload.size or 0
    if size > MAX_UPLOAD_SIZE:
        raise ValidationError(too_large_message(size), code="too_large")
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    name = clean_name(upload.name or "")
    content_type = _sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("This file is not a PDF, DOCX, XLSX, JPG or PNG document (checked by its content)."),
            code="bad_content",
        )
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _(
                "The file is named “%(name)s” but its content is %(type)s; rename it to "
                "%(extension)s or choose the right file."
            )
            % {
                "name": name,
                "type": EXTENSIONS[content_type][0].lstrip(".").upper(),
                "extension": EXTENSIONS[content_type][0],
            },
            code="name_mismatch",
        )
    return CheckedFile(content_type=content_type, size=size, name=name)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes :data:`MAX_UPLOAD_SIZE` instead of
    spooling a huge body to disk first; the view then reports the size. Put first in
    ``request.upload_handlers`` before the body is read (see the attachment upload view)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The body holds the form fields too: allow a little over the file limit.
        if content_length and content_length > MAX_UPLOAD_SIZE + 1024 * 1024:
            self.too_large = True

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.too_large:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_SIZE:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handler stores it

    def file_complete(self, file_size):
        return None
