"""Factories of the portal: invitations, attachments, and small real files of every
accepted type (built in memory, so no fixture files are committed)."""

import io
import struct
import zipfile
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from kopiena.portal.models import Attachment, AttachmentKind, Invitation

from .grants import ApplicationFactory, OrganisationFactory

__all__ = [
    "AttachmentFactory",
    "InvitationFactory",
    "docx_bytes",
    "jpeg_bytes",
    "pdf_bytes",
    "png_bytes",
    "upload",
    "xlsx_bytes",
]


def pdf_bytes() -> bytes:
    """A minimal valid one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def png_bytes() -> bytes:
    """A 1×1 green PNG."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """The start of a JFIF file: enough for content sniffing."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def _ooxml(main_part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
    return out.getvalue()


def docx_bytes() -> bytes:
    return _ooxml("word/document.xml")


def xlsx_bytes() -> bytes:
    return _ooxml("xl/workbook.xml")


def upload(name="tame.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation; the clear token is on ``invitation.token`` (only its hash is stored)."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"uzaicinatais{n}@example.lv")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        invitation = model_class(*args, **kwargs)
        token = invitation.set_new_token()
        invitation.save()
        invitation.token = token
        return invitation


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    kind = AttachmentKind.COST_ESTIMATE
    original_name = "tame.pdf"
    content_type = "application/pdf"
    size = factory.LazyFunction(lambda: len(pdf_bytes()))
    file = factory.django.FileField(data=pdf_bytes(), filename="tame.pdf")
