"""Body blocks of an article. One StreamField serves every format; some blocks belong to one format."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from toasoan.core.sanitize import sanitize_html, sanitize_stored_richtext
from toasoan.news.rendition_specs import figure_formats

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "superscript", "subscript"]


class SafeEmbedBlock(EmbedBlock):
    """An embed that only accepts known video hosts, checked before Wagtail asks the host for HTML."""

    def clean(self, value):
        from toasoan.seo.uploads import validate_embed_url

        url = getattr(value, "url", value)
        if url:
            validate_embed_url(str(url))
        return super().clean(value)

    class Meta:
        label = _("Nhúng (YouTube, Vimeo...)")


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text that is sanitised with nh3 both when stored and when rendered."""

    def get_prep_value(self, value):
        prepped = super().get_prep_value(value)
        return sanitize_stored_richtext(prepped) if prepped else prepped

    def render_basic(self, value, context=None) -> SafeString:
        if value is None:
            return mark_safe("")
        html = value.__html__() if isinstance(value, RichText) else str(value)
        return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised by nh3 just above

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")


class FigureBlock(blocks.StructBlock):
    """An image with caption and credit. With no image it is a placeholder (imported pages lose images)."""

    image = ImageChooserBlock(label=_("Ảnh"), required=False)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=600)
    credit = blocks.CharBlock(
        label=_("Tác giả ảnh"), required=False, max_length=200,
        help_text=_("Để trống thì dùng tác giả ghi trong thư viện ảnh."),
    )
    original_source = blocks.CharBlock(
        label=_("Nguồn ảnh gốc"), required=False, max_length=500,
        help_text=_("Địa chỉ hoặc mô tả ảnh gốc khi ảnh chưa có trong thư viện (bài nhập)."),
    )

    class Meta:
        icon = "image"
        label = _("Ảnh kèm chú thích")
        template = "news/blocks/figure.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        image = value.get("image")
        context["credit"] = value.get("credit") or (image.credit if image else "")
        context["missing"] = image is None
        context["avif"] = "avif" in figure_formats()
        return context


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False, max_length=200)
    pull = blocks.BooleanBlock(
        label=_("Trích dẫn nổi bật (pull quote)"), required=False,
        help_text=_("Hiện to, tách khỏi dòng chữ; dùng nhiều trong Magazine."),
    )

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề bộ ảnh"), required=False, max_length=200)
    photos = blocks.ListBlock(FigureBlock(), label=_("Ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "news/blocks/gallery.html"


class ChapterBlock(blocks.StructBlock):
    """Magazine: a chapter heading, optionally over a full-bleed image."""

    heading = blocks.CharBlock(label=_("Tên chương"), max_length=200)
    image = ImageChooserBlock(label=_("Ảnh tràn màn hình"), required=False)

    class Meta:
        icon = "title"
        label = _("Chương (Magazine)")
        template = "news/blocks/chapter.html"


class InfographicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh infographic"))
    text_alternative = blocks.TextBlock(
        label=_("Nội dung dạng chữ"),
        help_text=_("Toàn bộ số liệu của infographic bằng chữ, cho người dùng trình đọc màn hình."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=600)
    credit = blocks.CharBlock(label=_("Thực hiện"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Infographic")
        template = "news/blocks/infographic.html"


class MediaBlock(blocks.StructBlock):
    """Video or audio: an uploaded file (served with HTML5 players) or an embed from a known host."""

    kind = blocks.ChoiceBlock(
        label=_("Loại"), choices=[("video", _("Video")), ("audio", _("Âm thanh"))], default="video"
    )
    file = DocumentChooserBlock(label=_("Tệp tải lên"), required=False)
    embed = SafeEmbedBlock(label=_("Nhúng (YouTube...)"), required=False)
    poster = ImageChooserBlock(label=_("Ảnh đại diện"), required=False)
    duration = blocks.CharBlock(label=_("Thời lượng (phút:giây)"), required=False, max_length=8,
                                regex=r"^\d{1,3}:[0-5]\d$", error_messages={"invalid": _("Nhập dạng 12:34.")})
    transcript = blocks.TextBlock(label=_("Lời thoại / bản chữ"), required=False)

    class Meta:
        icon = "media"
        label = _("Video / âm thanh")
        template = "news/blocks/media.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("embed"):
            raise blocks.StructBlockValidationError(
                block_errors={"file": ValidationError(_("Cần tải tệp lên hoặc nhập địa chỉ nhúng."))}
            )
        if value.get("file"):
            from toasoan.seo.uploads import validate_media_document

            try:
                validate_media_document(value["file"], kind=value.get("kind") or "video")
            except ValidationError as error:
                raise blocks.StructBlockValidationError(block_errors={"file": error}) from error
        return value


class BodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(features=PARAGRAPH_FEATURES)
    figure = FigureBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    embed = SafeEmbedBlock(label=_("Nhúng"), icon="code")
    chapter = ChapterBlock()
    infographic = InfographicBlock()
    media = MediaBlock()

    class Meta:
        label = _("Nội dung")

