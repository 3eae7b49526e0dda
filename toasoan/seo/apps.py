from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "toasoan.seo"
    label = "seo"
    verbose_name = _("Tìm kiếm và chia sẻ (feed, sitemap, dữ liệu cấu trúc)")
