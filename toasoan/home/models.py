from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from toasoan.core.page_context import ReaderContextMixin


class HomePage(ReaderContextMixin, Page):
    """The front page: its lead, featured and Tin nóng places are :class:`FrontSlot` rows; the front itself is
    read by ``home.selectors.home_front`` (context added by ``home.contexts``)."""

    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage", "sections.ListingPage", "events.EventIndexPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
    ]
    template = "home/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")


class FrontSlot(models.Model):
    """A curated place on a front (the home page or a section): lead story, featured story or Tin nóng pin.

    Managing editors fill these from the admin ("Trang nhất & chuyên mục"); a slot may expire. An article
    appears at most once per front; empty or expired places are filled with the newest articles.
    """

    class Kind(models.TextChoices):
        LEAD = "lead", _("Bài chính (tin đinh)")
        FEATURED = "featured", _("Bài nổi bật")
        HOT = "hot", _("Tin nóng")

    front = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="front_slots",
        help_text=_("Trang chủ hoặc một chuyên mục."),
    )
    kind = models.CharField(_("vị trí"), max_length=10, choices=Kind.choices, default=Kind.FEATURED)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="front_placements"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True,
                                      help_text=_("Để trống nếu giữ cho đến khi gỡ."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("vị trí trên trang nhất")
        verbose_name_plural = _("trang nhất và trang chuyên mục")
        ordering = ["front", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["front", "article"], name="front_slot_article_once"),
        ]
        indexes = [models.Index(fields=["front", "kind", "position"], name="front_slot_order_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article.title}"

    @property
    def is_active(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from toasoan.sections.models import SectionPage

        if self.front_id and self.front.specific_class not in (HomePage, SectionPage):
            raise ValidationError({"front": _("Chỉ trang chủ và trang chuyên mục có vị trí biên tập.")})
        if self.front_id and self.article_id:
            clash = FrontSlot.objects.filter(front_id=self.front_id, article_id=self.article_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"article": _("Bài này đã có một vị trí trên trang này.")})


@register_setting(icon="doc-full")
class Imprint(BaseSiteSetting):
    """What the law asks every page of an online paper to show (tên cơ quan báo chí, cơ quan chủ quản, giấy
    phép, tổng biên tập, liên hệ), and the masthead's logo. Edited by the administrator under
    "Tùy chỉnh → Thông tin tòa soạn"; shown in the footer of every reader page (``templates/base.html``)."""

    legal_name = models.CharField(_("tên cơ quan báo chí"), max_length=200, blank=True,
                                  help_text=_("Ví dụ: Báo điện tử Tòa Soạn. Để trống thì dùng tên trang."))
    logo = models.ForeignKey(
        "images.NewsImage", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Hiện ở đầu trang, cao 56 điểm ảnh; để trống thì dùng logo mặc định."),
    )
    owner = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    licence_number = models.CharField(_("số giấy phép"), max_length=100, blank=True,
                                      help_text=_("Ví dụ: 123/GP-BVHTTDL."))
    licence_date = models.DateField(_("ngày cấp giấy phép"), null=True, blank=True)
    licence_issuer = models.CharField(_("cơ quan cấp giấy phép"), max_length=200, blank=True)
    editor_in_chief = models.CharField(_("tổng biên tập"), max_length=120, blank=True)
    deputy_editors = models.CharField(_("phó tổng biên tập"), max_length=300, blank=True,
                                      help_text=_("Nhiều người thì cách nhau bằng dấu phẩy."))
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    copyright_note = models.CharField(
        _("ghi chú bản quyền"), max_length=300, blank=True,
        help_text=_("Ví dụ: Ghi rõ nguồn «Báo Tòa Soạn» khi phát hành lại thông tin từ trang này."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("legal_name"), FieldPanel("logo"), FieldPanel("owner")],
                        heading=_("Cơ quan báo chí")),
        MultiFieldPanel([
            FieldPanel("licence_number"),
            # A native date field: the browser shows the date the reader's way and sends it as yyyy-mm-dd.
            FieldPanel("licence_date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")),
            FieldPanel("licence_issuer"),
        ], heading=_("Giấy phép")),
        MultiFieldPanel([FieldPanel("editor_in_chief"), FieldPanel("deputy_editors")], heading=_("Ban biên tập")),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"),
                         FieldPanel("copyright_note")], heading=_("Liên hệ")),
    ]

    class Meta:
        verbose_name = _("thông tin tòa soạn")
        verbose_name_plural = _("thông tin tòa soạn")

    @property
    def licence_line(self) -> str:
        """"Giấy phép số 123/GP-BVHTTDL ngày 18/9/2024 của Bộ …", with whatever parts are filled in."""
        if not self.licence_number:
            return ""
        parts = [_("Giấy phép số %(number)s") % {"number": self.licence_number}]
        if self.licence_date:
            parts.append(_("ngày %(date)s") % {"date": self.licence_date.strftime("%d/%m/%Y")})
        if self.licence_issuer:
            parts.append(_("của %(issuer)s") % {"issuer": self.licence_issuer})
        return " ".join(str(p) for p in parts)
