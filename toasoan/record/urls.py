"""Reader URLs of the legal record: corrections and their feed; signed links to deposited files (the
sandboxed deposit view cannot send the admin's session)."""

from django.urls import path

from toasoan.record import admin_views, views

urlpatterns = [
    path("luu-chieu/tep/<str:token>/", admin_views.asset, name="record_asset"),
    path("cai-chinh/", views.corrections_page, name="corrections"),
    path("cai-chinh/rss/", views.CorrectionsFeed(), name="corrections_feed"),
]
