"""The article: one page model whose ``format`` picks blocks and templates (no model per format)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from toasoan.core.page_context import ReaderContextMixin
from toasoan.core.pages import VietnameseSlugMixin, ViewRestrictionsInOneQueryMixin
from toasoan.core.text import slugify_vi
from toasoan.limits.forms import with_size_limits
from toasoan.news.blocks import BodyBlock
from toasoan.news.forms import with_original_time
from toasoan.newsroom.forms import with_submission_checks
from toasoan.newsroom.permissions import NewsroomPermissionsMixin


class ArticleFormat(models.TextChoices):
    STANDARD = "standard", _("Bài thường")
    PHOTO = "photo", _("Tin ảnh")
    INFOGRAPHIC = "infographic", _("Infographic")
    MAGAZINE = "magazine", _("Magazine")
    MEDIA = "media", _("Media (video, âm thanh)")


class NewsTag(TagBase):
    """A keyword (từ khóa) whose slug is ASCII the Vietnamese way: "Giao thông" -> giao-thong, Đ -> d."""

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify_vi(tag, max_length=90) or "tu-khoa"
        return slug if i is None else f"{slug}-{i}"


class ArticleTag(ItemBase):
    tag = models.ForeignKey(NewsTag, related_name="tagged_items", on_delete=models.CASCADE)
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class NoticePanel(HelpPanel):
    """A warning on the edit screen, shown only when :meth:`notice` has something to say about the article."""

    def notice(self, article) -> str:
        raise NotImplementedError

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = self.panel.notice(self.instance) if self.instance else ""

        def is_shown(self) -> bool:
            return bool(self.content)


class MissingImagesPanel(NoticePanel):
    """Warns editors, on the edit screen, about figures imported without their image."""

    def notice(self, article) -> str:
        missing = article.missing_image_count
        return (
            _("⚠ Bài có %(n)d ảnh chưa có tệp (chỉ còn chú thích). Bài vẫn xuất bản được; "
              "hãy chọn ảnh trong khối «Ảnh kèm chú thích».") % {"n": missing}
            if missing
            else ""
        )


class UndatedImportPanel(NoticePanel):
    """Warns editors that an imported story has no publication time: publishing now would date it today."""

    def notice(self, article) -> str:
        if not article.needs_publication_time:
            return ""
        return _("⚠ Bài nhập từ kho cũ nhưng nguồn không ghi ngày giờ đăng, nên được nhập làm bản nháp. "
                 "Hãy điền «Thời gian đăng gốc» ngay dưới đây: khi xuất bản, bài mang ngày giờ đó. "
                 "Nếu để trống, ngày đăng sẽ là lúc xuất bản.")


class ArticlePage(ReaderContextMixin, NewsroomPermissionsMixin, ViewRestrictionsInOneQueryMixin, VietnameseSlugMixin,
                  Page):
    """What the page shows around the story is added by ``news.contexts`` (``core.page_context``)."""

    # Submission checks naming the missing field in Vietnamese (toasoan/newsroom/forms.py).
    base_form_class = with_original_time(with_size_limits(with_submission_checks(VietnameseSlugMixin.base_form_class)))
    format = models.CharField(
        _("thể loại"), max_length=20, choices=ArticleFormat.choices, default=ArticleFormat.STANDARD
    )
    sapo = models.TextField(_("sapo"), help_text=_("Đoạn mở đầu, tóm tắt bài."))
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Denormalised from the tree (the parent section) so listings never read the tree path.
    section = models.ForeignKey(
        "sections.SectionPage",
        verbose_name=_("chuyên mục chính"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="primary_articles",
    )
    secondary_sections = ParentalManyToManyField(
        "sections.SectionPage", verbose_name=_("chuyên mục phụ"), blank=True, related_name="secondary_articles"
    )
    events = ParentalManyToManyField(
        "events.EventPage", verbose_name=_("sự kiện"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("từ khóa"), blank=True)
    # Publication time shown in the dateline and used by every listing; copied from first_published_at.
    published_at = models.DateTimeField(_("thời gian đăng"), null=True, blank=True, editable=False)
    # An imported story whose source gave no publication time: the time an editor found for it, typed on the
    # edit screen of that draft only (news/forms.py). Its first publication takes it instead of the moment.
    original_published_at = models.DateTimeField(
        _("thời gian đăng gốc"), null=True, blank=True,
        help_text=_("Ngày giờ bài đã đăng trên báo cũ, giờ Việt Nam, dạng ngày/tháng/năm giờ:phút "
                    "(ví dụ 20/12/2019 15:00). Khi xuất bản, bài mang ngày giờ này, không phải lúc xuất bản."),
    )
    # Where an imported article came from, so that importing the same source again updates it.
    source_key = models.CharField(_("nguồn nhập"), max_length=255, null=True, blank=True, unique=True,
                                  editable=False)

    # Where the story came from when another outlet wrote it: "Theo China Discovery/ Sohu/ Daily", shown as
    # written under the article (the importer takes it from the page's last lines; editors may type it).
    source_attribution = models.CharField(
        _("nguồn tin"), max_length=255, blank=True, default="",
        help_text=_("Ghi như trên báo, ví dụ «Theo TTXVN»; hiện ở cuối bài."),
    )

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []

    content_panels = [
        UndatedImportPanel(),
        FieldPanel("original_published_at"),  # only in the form of an undated import (news/forms.py)
        MissingImagesPanel(),
        FieldPanel("title"),
        FieldPanel("format"),
        FieldPanel("sapo"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel([InlinePanel("article_authors", label=_("Tác giả"))], heading=_("Tác giả")),
        FieldPanel("source_attribution"),
        FieldPanel("events"),
        FieldPanel("tags"),
        FieldPanel("secondary_sections"),
        # The entities app appends its suggestions panel here (toasoan/entities/apps.py).
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.FilterField("format"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [
            models.Index(fields=["-published_at", "-page_ptr"], name="article_latest_idx"),
            models.Index(fields=["section", "-published_at", "-page_ptr"], name="article_section_idx"),
            models.Index(fields=["format", "-published_at", "-page_ptr"], name="article_format_idx"),
        ]

    def get_template(self, request, *args, **kwargs):
        return f"news/article_page_{self.format}.html"

    # --- URLs: /<ascii-slug>-<id>.html, resolved by id, so moves and retitles never break links.
    def canonical_path(self) -> str:
        return f"/{self.slug}-{self.pk}.html"

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or self.pk is None:
            return parts
        site_id, root_url, _path = parts
        return site_id, root_url, self.canonical_path()

    def serve(self, request, *args, **kwargs):
        # Reached through the tree (/thoi-su/slug/): send readers to the one canonical address.
        if request.path != self.canonical_path():
            return HttpResponsePermanentRedirect(self.canonical_path())
        return super().serve(request, *args, **kwargs)

    # --- Derived state
    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None and parent.specific_class.__name__ == "SectionPage":
            self.section_id = parent.pk
        if self._first_published_with_original_time():
            self.first_published_at = self.original_published_at
        if self.first_published_at is not None:
            self.published_at = self.first_published_at
        if self.cover_image_id is None:
            # Listings show the cover; without one, the body's first image, chosen here once, not per listing.
            image = self.first_body_image()
            self.cover_image_id = getattr(image, "pk", image)
        return super().save(*args, **kwargs)

    @property
    def missing_image_count(self) -> int:
        count = 0
        for block in self.body:
            if block.block_type == "figure":
                count += block.value.get("image") is None
            elif block.block_type == "gallery":
                count += sum(photo.get("image") is None for photo in block.value["photos"])
        return count

    @property
    def needs_publication_time(self) -> bool:
        """Imported from a source that gave no publication time, and never published since."""
        return bool(self.source_key) and self.first_published_at is None

    @property
    def lacks_publication_time(self) -> bool:
        """An undated import for which no one has given the original time yet, in the page or its latest draft
        (the page lists read the page's row, which a draft's «Thời gian đăng gốc» reaches only on publication)."""
        if not self.needs_publication_time or self.original_published_at:
            return False
        revision = self.latest_revision
        return not (revision and revision.content.get("original_published_at"))

    def _first_published_with_original_time(self) -> bool:
        """Going live for the first time (Wagtail has just set ``first_published_at`` to now) as an undated
        import whose original time an editor gave: the story is dated that time, in the dateline and listings."""
        if not (self.live and self.source_key and self.original_published_at and self.pk):
            return False
        return type(self).objects.filter(pk=self.pk, first_published_at__isnull=True).exists()

    def get_admin_display_title(self) -> str:
        title = super().get_admin_display_title()
        if self.lacks_publication_time:
            title = f"{title} ⚠ {_('chưa có ngày giờ đăng')}"
        missing = self.missing_image_count
        return f"{title} ⚠ {_('thiếu %(n)d ảnh') % {'n': missing}}" if missing else title

    @property
    def byline(self) -> list[str]:
        return [link.author.name for link in self.article_authors.all()]

    @property
    def listing_image(self):
        """The teaser image: the cover, which save() fills from the body when the editor chose none."""
        return self.cover_image

    def first_body_image(self):
        for block in self.body:
            if block.block_type in {"figure", "infographic", "chapter"} and block.value.get("image"):
                return block.value["image"]
            if block.block_type == "gallery":
                for photo in block.value["photos"]:
                    if photo.get("image"):
                        return photo["image"]
            if block.block_type == "media" and block.value.get("poster"):
                return block.value["poster"]
        return None

class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey("people.Author", verbose_name=_("tác giả"), on_delete=models.PROTECT,
                               related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
