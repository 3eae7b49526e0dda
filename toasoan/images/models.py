from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    """A photo with its credit ("Ảnh: Thành Duy") and source; the caption belongs to each use."""

    credit = models.CharField(_("tác giả ảnh"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit", "source")

    class Meta(AbstractImage.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
