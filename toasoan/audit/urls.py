"""Mounted at Wagtail's site history address (toasoan/urls.py, before the admin), so the report, its menu item
and its results URL are this app's."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from toasoan.audit.views import AuditLogView

urlpatterns = [
    path("", require_admin_access(AuditLogView.as_view()), name="audit_log"),
    path("results/", require_admin_access(AuditLogView.as_view(results_only=True)), name="audit_log_results"),
]
