from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from toasoan.core.db import unique_slug
from toasoan.core.text import slugify_vi


class Author(index.Indexed, models.Model):
    """A byline. Not necessarily a user: stringers, agencies ("TTXVN") and groups ("Nhóm PV") sign too."""

    name = models.CharField(_("tên"), max_length=150)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, allow_unicode=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )
    bio = models.TextField(_("giới thiệu"), blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("user"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Author, slugify_vi(self.name) or "tac-gia", exclude_pk=self.pk)
        super().save(*args, **kwargs)

