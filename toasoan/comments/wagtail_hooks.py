"""Admin: the moderation desk's screens and the menu **Bình luận** (queue, word list, bans, modes, readers' data),
shown to moderators only (``comments.moderate_comment``: the group *Kiểm duyệt bình luận* and the roles above)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import LogFormatter

from toasoan.comments import admin_views, conf, moderation_log, rules
from toasoan.comments.models import Ban, BlockedWord, Comment, CommentPolicy, HeldBecause, Status


@hooks.register("register_admin_urls")
def comment_urls():
    base = "toa-soan/binh-luan/"
    return [
        path(base, admin_views.queue, name="comments_queue"),
        path(base + "<int:pk>/duyet/", admin_views.approve, name="comments_approve"),
        path(base + "<int:pk>/tu-choi/", admin_views.reject, name="comments_reject"),
        path(base + "<int:pk>/bo-doan/", admin_views.edit_out, name="comments_edit_out"),
        path(base + "<int:pk>/chan/", admin_views.ban, name="comments_ban"),
        path(base + "du-lieu-ban-doc/", admin_views.reader_data, name="comments_reader_data"),
    ]


class BanForm(WagtailAdminModelForm):
    """A ban is kept as a keyed hash: the moderator types the email or IP, only its hash is stored."""

    value = forms.CharField(label=_("Thư điện tử hoặc địa chỉ IP"), max_length=254, required=False,
                            help_text=_("Chỉ lưu mã băm; để trống khi sửa một lệnh chặn có sẵn."))

    class Meta:
        model = Ban
        fields = ["kind", "label", "reason", "expires_at"]

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("value", "").strip():
            self.add_error("value", _("Hãy nhập thư điện tử hoặc địa chỉ IP cần chặn."))
        return data

    def save(self, commit=True):
        value = self.cleaned_data.get("value", "").strip()
        if value:
            self.instance.value_hash = conf.keyed_hash(self.cleaned_data["kind"], value)
        return super().save(commit=commit)


class PolicyForm(WagtailAdminModelForm):
    class Meta:
        model = CommentPolicy
        fields = ["page", "mode"]
        widgets = {"page": AdminPageChooser(target_models=["sections.SectionPage", "news.ArticlePage"])}


class WordViewSet(ModelViewSet):
    model = BlockedWord
    name = "comments_words"
    url_prefix = "toa-soan/binh-luan/tu-can-loc"
    icon = "warning"
    form_fields = ["phrase", "note"]
    list_display = ["phrase", "note", "created_at"]
    search_fields = ["phrase"]
    add_to_admin_menu = False


class BanViewSet(ModelViewSet):
    model = Ban
    name = "comments_bans"
    url_prefix = "toa-soan/binh-luan/chan"
    icon = "lock"

    def get_form_class(self, for_update=False):
        return BanForm
    list_display = ["label", "kind", "reason", "created_at", "expires_at"]
    add_to_admin_menu = False


class PolicyViewSet(ModelViewSet):
    model = CommentPolicy
    name = "comments_policies"
    url_prefix = "toa-soan/binh-luan/che-do"
    icon = "cog"

    def get_form_class(self, for_update=False):
        return PolicyForm
    list_display = ["page", "mode", "updated_at"]
    add_to_admin_menu = False


words = WordViewSet()
bans = BanViewSet()
policies = PolicyViewSet()


@hooks.register("register_admin_viewset")
def comment_viewsets():
    return [words, bans, policies]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_moderate(request.user)


class CommentsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return rules.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def comments_menu():
    items = [
        ModeratorMenuItem(_("Hàng chờ duyệt"), reverse("comments_queue"), name="comments-queue", icon_name="comment",
                          order=100),
        ModeratorMenuItem(_("Từ cần lọc"), reverse("comments_words:index"), name="comments-words",
                          icon_name="warning", order=200),
        ModeratorMenuItem(_("Lệnh chặn"), reverse("comments_bans:index"), name="comments-bans", icon_name="lock",
                          order=300),
        ModeratorMenuItem(_("Chế độ bình luận"), reverse("comments_policies:index"), name="comments-policies",
                          icon_name="cog", order=400),
        ModeratorMenuItem(_("Dữ liệu bạn đọc"), reverse("comments_reader_data"), name="comments-reader-data",
                          icon_name="user", order=500),
    ]
    return CommentsSubmenu(_("Bình luận"), Menu(items=items), name="comments", icon_name="comment", order=350)


class StoryCommentsButton(PageMenuItem):
    """On a story's edit screen: its comments waiting in the queue."""

    label = _("Bình luận của bạn đọc")
    icon_name = "comment"

    @property
    def url(self):
        return reverse("comments_queue") + f"?bai={self.page.pk}"

    def is_shown(self, user):
        page = self.page.specific_deferred if hasattr(self.page, "specific_deferred") else self.page
        return type(page).__name__ == "ArticlePage" and rules.can_moderate(user)


@hooks.register("register_page_header_buttons")
def story_comments_button(page, user, view_name, next_url=None):
    yield StoryCommentsButton(page=page, priority=70)


# --- the moderation desk in the audit trail ------------------------------------------------------------------------

MODERATION_LABELS = {
    moderation_log.APPROVE: _("Duyệt bình luận"),
    moderation_log.KEEP_REPORTED: _("Giữ bình luận bị báo cáo"),
    moderation_log.REJECT: _("Từ chối bình luận"),
    moderation_log.EDIT_OUT: _("Bỏ đoạn trong bình luận"),
    moderation_log.BAN: _("Chặn người gửi bình luận"),
    moderation_log.HIDDEN_BY_REPORTS: _("Tự ẩn bình luận bị báo cáo"),
    moderation_log.READER_DATA_EXPORTED: _("Xuất dữ liệu bình luận theo yêu cầu bạn đọc"),
    moderation_log.READER_DATA_ERASED: _("Xóa dữ liệu bình luận theo yêu cầu bạn đọc"),
}


TEXT_AFTER_ERASURE = {
    "anonymised": _("nội dung bình luận giữ lại, ẩn danh"),
    "deleted": _("đã xóa hẳn các bình luận"),
}


def _shown(name: str, value) -> str:
    if name == "status" and value in Status.values:
        return str(Status(value).label)
    if name == "held_because" and value in HeldBecause.values:
        return str(HeldBecause(value).label)
    if isinstance(value, bool):
        return gettext_now("có") if value else gettext_now("không")
    return f"«{value}»" if value not in ("", None) else "—"


def _local(value: str | None) -> str:
    try:
        return timezone.localtime(datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M") if value else ""
    except (TypeError, ValueError):
        return str(value)


def _field(name: str) -> str:
    return str(Comment._meta.get_field(name).verbose_name) if name in moderation_log.TRACKED else name


class ModerationFormatter(LogFormatter):
    """What a moderation changed, field by field (before → after), in the report's "Nội dung" column."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = [str(self.label)]
        changes = data.get("changes") or {}
        parts += [f"{_field(name)}: {_shown(name, pair[0])} → {_shown(name, pair[1])}"
                  for name, pair in changes.items() if isinstance(pair, list) and len(pair) == 2]
        body = data.get("body") or {}
        if body.get("length"):
            parts.append(gettext_now("bỏ %(cuts)s chỗ, độ dài %(before)s → %(after)s ký tự") % {
                "cuts": data.get("cuts", "?"), "before": body["length"][0], "after": body["length"][1]})
        if "count" in data:
            parts.append(gettext_now("%(count)s bình luận: %(ids)s") % {
                "count": data["count"], "ids": ", ".join(f"#{pk}" for pk in data.get("comments") or []) or "—"})
        if data.get("reader_account"):
            parts.append(gettext_now("kèm tài khoản bạn đọc") if log_entry.action == moderation_log.READER_DATA_EXPORTED
                         else gettext_now("đã xóa tài khoản bạn đọc"))
        if data.get("text") in TEXT_AFTER_ERASURE:
            parts.append(str(TEXT_AFTER_ERASURE[data["text"]]))
        if log_entry.action == moderation_log.BAN:
            parts.append(gettext_now("lý do %(reason)s; chặn theo: %(kinds)s; hết hạn: %(until)s; từ chối %(n)s "
                                     "bình luận") % {
                "reason": _shown("reason", data.get("reason")),
                "kinds": ", ".join(str(Ban.Kind(ban["kind"]).label) for ban in data.get("bans") or []
                                   if ban.get("kind") in Ban.Kind.values) or "—",
                "until": _local(data.get("expires_at")) or gettext_now("không thời hạn"),
                "n": len(data.get("rejected") or [])})
        return "; ".join(parts)


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    for action, label in MODERATION_LABELS.items():
        actions.register_action(action)(type("Formatter", (ModerationFormatter,), {"label": label}))
