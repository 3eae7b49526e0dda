"""The signed links to deposited files (the sandboxed deposit view cannot send the admin's session)."""

from django.urls import path

from toasoan.record import admin_views

urlpatterns = [
    path("luu-chieu/tep/<str:token>/", admin_views.asset, name="record_asset"),
]
