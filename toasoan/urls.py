from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from toasoan.analytics.beacon import beacon_view
from toasoan.mediastore.views import serve_upload
from toasoan.news import views as news_views

handler400 = "toasoan.limits.views.bad_request"  # an oversize form: a Vietnamese 413 page
handler404 = "toasoan.core.views.page_not_found"
handler500 = "toasoan.core.views.server_error"

urlpatterns = [
    path("admin/reports/site-history/", include("toasoan.audit.urls")),  # the audit trail, in place of Wagtail's
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"),
    re_path(r"^(?P<slug>[a-z0-9-]+)-(?P<pk>\d+)\.html$", news_views.article_by_id, name="article"),
    path("tu-khoa/<slug:slug>/", news_views.tag_page, name="tag"),
    path("tim-kiem/", include("toasoan.search.urls")),
    path("", include("toasoan.entities.urls")),
    path("_v", beacon_view, name="view_beacon"),
    path("", include("toasoan.ops.urls")),
    path("", include("toasoan.live.urls")),
    path("", include("toasoan.readers.urls")),
    path("", include("toasoan.comments.urls")),
    path("", include("toasoan.seo.urls")),
    path("", include("toasoan.record.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^uploads/(?P<path>.*)$", serve_upload, name="uploads")  # local disk or the object store
    )

urlpatterns += [path("", include(wagtail_urls))]
