"""StreamField blocks of a news page body. Each renders through its own template in
``templates/pages/blocks/``; the page API serialises them in ``pages.api``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

#: Rich text in a body paragraph or a story section: the page and section titles are the
#: headings, so editors get third-level headings at most.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kopiena_pages/blocks/heading.html"
        form_classname = "title"


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image in a <figure>; the image's own alternative text describes it, the caption
    says what a sighted reader should know about it."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "kopiena_pages/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=255,
        help_text=_("Who said it, e.g. “Community centre visitor, 67”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "kopiena_pages/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "kopiena_pages/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = _("Body")
