"""The audit trail report (Báo cáo → Nhật ký thao tác), in place of Wagtail's site history report at the same
address: every entry of the log, whoever's object it is, with where it came from and what changed; filters by
person, action, date range (dd/mm/yyyy, Vietnam days), object type, object name or id and address; CSV (UTF-8
with a byte-order mark, for Excel) and Excel downloads with Vietnamese headings. Only for whoever holds
``audit.view_audit_trail`` (the editor-in-chief and the system administrator); read-only."""

from __future__ import annotations

import json
from collections import defaultdict

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet

from toasoan.audit import selectors
from toasoan.audit.roles import AUDIT_PERMISSION

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"
VIA_LABELS = {"web": _("trình duyệt"), "command": _("lệnh"), "system": _("hệ thống")}
ACTIONS_WITH_DETAILED_MESSAGE = {"toasoan.access_changed", "toasoan.account_changed"}


def spreadsheet_safe(value) -> str:
    """A cell Excel shows as text: a value that would start a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_time(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S") if value else ""


class AuditFilterSet(SiteHistoryReportFilterSet):
    label = django_filters.CharFilter(label=_("Tên đối tượng"), lookup_expr="icontains")
    object_id = django_filters.CharFilter(label=_("Mã đối tượng"), method="filter_object_id")
    address = django_filters.CharFilter(label=_("Địa chỉ IP"), method="filter_address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "object_type" in self.filters:
            self.filters["object_type"].queryset = lambda request: selectors.content_types_in_log()
            self.filters["object_type"].label = _("Loại đối tượng")

    def filter_object_id(self, queryset, name, value):
        return selectors.filter_object_id(queryset, value.strip()[:255]) if value.strip() else queryset

    def filter_address(self, queryset, name, value):
        return selectors.filter_address(queryset, value.strip()[:64]) if value.strip() else queryset

    def get_action_choices(self):
        return selectors.used_actions()

    def get_user_choices(self):
        return selectors.users_in_log()

    def get_users_queryset(self):
        return selectors.users_in_log()


class AuditLogView(LogEntriesView):
    template_name = "audit/index.html"
    results_template_name = "audit/results.html"
    page_title = _("Nhật ký thao tác")
    filterset_class = AuditFilterSet

    export_headings = {
        "timestamp": _("Thời điểm (giờ Việt Nam)"),
        "user_display_name": _("Người thực hiện"),
        "action": _("Thao tác"),
        "message": _("Nội dung"),
        "label": _("Đối tượng"),
        "content_type": _("Loại đối tượng"),
        "object_id": _("Mã đối tượng"),
        "audit_ip": _("Địa chỉ IP"),
        "audit_user_agent": _("Trình duyệt"),
        "audit_via": _("Qua"),
        "audit_details": _("Chi tiết thay đổi"),
    }
    list_export = list(export_headings)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(AUDIT_PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "nhat-ky-thao-tac-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def get_filtered_queryset(self):
        """Wagtail's union of every log model, without its per-object visibility (this report shows all)."""
        from django.db.models import IntegerField, Value

        queryset = None
        self.log_models = selectors.log_models()
        for index, log_model in enumerate(self.log_models):
            sub = log_model.objects.all().values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField()))
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp", "-pk")

    def decorate_paginated_queryset(self, queryset):
        rows = list(queryset)
        pks = defaultdict(list)
        for row in rows:
            pks[row["log_model_index"]].append(row["pk"])
        finder = None if self.is_export else AdminURLFinder(self.request.user)
        lookup = {}
        for index, ids in pks.items():
            entries = self.log_models[index].objects.select_related(
                "user", "user__wagtail_userprofile", "content_type").filter(pk__in=ids)  # avatars: no query each
            pairs = entries.with_instances() if finder else ((entry, None) for entry in entries)
            for entry, instance in pairs:
                entry.edit_url = finder.get_edit_url(instance) if finder and instance is not None else None
                self._annotate(entry)
                lookup[(index, entry.pk)] = entry
        return [lookup[(row["log_model_index"], row["pk"])] for row in rows]

    def _annotate(self, entry) -> None:
        where = selectors.origin_of(entry)
        entry.audit_ip = where.get("ip", "")
        entry.audit_user_agent = where.get("user_agent", "")
        entry.audit_command = where.get("command", "") if where.get("via") == "command" else ""
        entry.audit_via = VIA_LABELS.get(where.get("via", ""), where.get("via", ""))
        if entry.audit_command:
            entry.audit_via = f"{entry.audit_via} {entry.audit_command}"
        entry.audit_details_in_message = entry.action in ACTIONS_WITH_DETAILED_MESSAGE
        details = {key: value for key, value in (entry.data or {}).items() if key != "origin"}
        entry.audit_details = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) if details else ""
        if not hasattr(entry, "object_id") or callable(entry.object_id):
            entry.object_id = str(getattr(entry, "page_id", "") or "")

    def preprocess_field_value(self, field, value, export_format):
        if field == "timestamp":
            return local_time(value)
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
