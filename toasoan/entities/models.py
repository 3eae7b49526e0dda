"""People, the positions they were seen holding, organisations, places, and their links to articles."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from toasoan.core.db import unique_slug
from toasoan.core.text import fold, slugify_vi

# Dashes, quotes, dots, slashes, brackets and the like: variants of one name differ in them ("-", "–", "—").
_PUNCTUATION = re.compile(r"[^\w\s]|_")


class _Named(models.Model):
    name = models.CharField(_("tên"), max_length=255)
    # Folded name ("pham minh chinh"): how an extracted name finds the record it belongs to.
    key = models.CharField(_("khóa so khớp"), max_length=255, unique=True, editable=False)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, allow_unicode=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    slug_fallback = "muc"

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.key:
            self.key = self.key_for(self.name)
        if not self.slug:
            base = slugify_vi(self.name, max_length=150) or self.slug_fallback
            self.slug = unique_slug(type(self), base, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(name: str) -> str:
        """Folded words, punctuation read as a space: one body written "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu" or
        "Bà Rịa-Vũng Tàu", "“Sao Mai”" or "\"Sao Mai\"", is one record. A key folds to itself."""
        folded = fold(name)
        return " ".join(_PUNCTUATION.sub(" ", folded).split() or folded.split())[:255]


class Person(ClusterableModel, _Named):
    """One person across articles. Namesakes are separate records with the same key, told apart by ``note``."""

    # Namesakes share a folded name: the key is not unique for people (see services.find_person).
    key = models.CharField(_("khóa so khớp"), max_length=255, db_index=True, editable=False)
    note = models.CharField(
        _("ghi chú phân biệt"),
        max_length=255,
        blank=True,
        help_text=_("Để phân biệt người trùng tên, ví dụ: “Bí thư Tỉnh ủy Nghệ An” hoặc “cầu thủ, sinh 1997”."),
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slug_fallback = "nhan-vat"

    class Meta(_Named.Meta):
        verbose_name = _("nhân vật")
        verbose_name_plural = _("nhân vật")

    def get_absolute_url(self) -> str:
        return reverse("entities:person", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """Another way the papers write a person: "Biden" for "Joe Biden", an old spelling, a stage name."""

    person = ParentalKey(Person, verbose_name=_("nhân vật"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên khác"), max_length=255)
    key = models.CharField(_("khóa so khớp"), max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("tên khác")
        verbose_name_plural = _("tên khác")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="entities_alias_once")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = Person.key_for(self.name)
        super().save(*args, **kwargs)


class Organisation(_Named):
    slug_fallback = "to-chuc"

    class Meta(_Named.Meta):
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")

    def get_absolute_url(self) -> str:
        return reverse("entities:organisation", kwargs={"slug": self.slug})


class Place(_Named):
    kind = models.CharField(_("loại"), max_length=40, blank=True)
    slug_fallback = "dia-danh"

    class Meta(_Named.Meta):
        verbose_name = _("địa danh")
        verbose_name_plural = _("địa danh")

    def get_absolute_url(self) -> str:
        return reverse("entities:place", kwargs={"slug": self.slug})


class Position(models.Model):
    """A position as written in one article: "Bí thư Tỉnh ủy", seen on the article's date."""

    person = models.ForeignKey(Person, verbose_name=_("nhân vật"), on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("chức vụ"), max_length=255)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="entity_positions",
    )
    seen_at = models.DateField(_("ngày ghi nhận"))
    # Where the article listed it: papers write positions in protocol order ("Ủy viên Bộ Chính trị, Bí thư
    # Trung ương Đảng, Trưởng ban Tổ chức Trung ương"), which the person page keeps.
    order = models.PositiveSmallIntegerField(_("thứ tự trong bài"), default=0)

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["-seen_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "article", "title"], name="entities_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"


class EntityKind(models.TextChoices):
    PERSON = "person", _("Nhân vật")
    ORGANISATION = "organisation", _("Tổ chức")
    PLACE = "place", _("Địa danh")


class LinkSource(models.TextChoices):
    EXTRACTED = "extracted", _("Tự động nhận diện")
    EDITOR = "editor", _("Biên tập viên")


class LinkState(models.TextChoices):
    SUGGESTED = "suggested", _("Gợi ý")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REJECTED = "rejected", _("Đã bỏ")


class ArticleEntity(models.Model):
    """An article names a person, organisation or place. Rejected links stay, so they are not suggested again."""

    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="entity_links"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=EntityKind.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="article_links",
        verbose_name=_("nhân vật"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="article_links",
        verbose_name=_("tổ chức"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("địa danh")
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=LinkSource.choices, default=LinkSource.EXTRACTED)
    state = models.CharField(_("trạng thái"), max_length=20, choices=LinkState.choices, default=LinkState.SUGGESTED)
    context = models.TextField(_("câu nhắc đến"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("liên kết bài viết")
        verbose_name_plural = _("liên kết bài viết")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person"], condition=models.Q(person__isnull=False), name="entities_link_person_once"
            ),
            models.UniqueConstraint(
                fields=["article", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="entities_link_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["article", "place"], condition=models.Q(place__isnull=False), name="entities_link_place_once"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person", person__isnull=False, organisation__isnull=True, place__isnull=True)
                    | models.Q(kind="organisation", person__isnull=True, organisation__isnull=False, place__isnull=True)
                    | models.Q(kind="place", person__isnull=True, organisation__isnull=True, place__isnull=False)
                ),
                name="entities_link_one_target",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "state"], name="entities_link_person_idx"),
            models.Index(fields=["organisation", "state"], name="entities_link_org_idx"),
            models.Index(fields=["place", "state"], name="entities_link_place_idx"),
            models.Index(fields=["article", "state"], name="entities_link_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def target(self) -> Person | Organisation | Place | None:
        return self.person or self.organisation or self.place
