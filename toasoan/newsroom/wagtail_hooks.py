"""Admin hooks of the newsroom: structure guards, rescheduling, curated fronts, history labels."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import DismissibleSubmenuMenuItem, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import LogFormatter

from toasoan.home.models import FrontSlot, HomePage
from toasoan.news.models import ArticlePage
from toasoan.newsroom import sites_admin, views
from toasoan.newsroom.feedback import workflow_outcome
from toasoan.newsroom.middleware import ACTION_FIELD
from toasoan.newsroom.models import TWO_PERSON_OVERRIDE_LOG, FinalApprovalTask
from toasoan.newsroom.panels import ReturnedStoriesPanel
from toasoan.newsroom.selectors import openable_pages, returned_story
from toasoan.newsroom.services import RESCHEDULE_ACTION
from toasoan.sections.models import SectionPage

# Pages that make up the site's structure: only administrators create, edit, move or delete them.
STRUCTURE_MODELS = {
    "homepage": "home.change_homepage",
    "sectionpage": "sections.change_sectionpage",
    "listingpage": "sections.change_listingpage",
    "eventindexpage": "events.change_eventindexpage",
}


def _guard_structure(user, page_class) -> None:
    permission = STRUCTURE_MODELS.get(page_class._meta.model_name)
    if permission and not user.has_perm(permission):
        raise PermissionDenied


@hooks.register("before_create_page")
def guard_create(request, parent_page, page_class):
    _guard_structure(request.user, page_class)


@hooks.register("before_edit_page")
def guard_edit(request, page):
    _guard_structure(request.user, page.specific_class)
    if request.method == "GET":
        warn_two_person_rule(request, page)
        show_return(request, page)
    elif ACTION_FIELD in request.POST:
        warn_stale_review(request, page)


STALE_REVIEW = "toasoan_stale_review"


def warn_stale_review(request, page) -> None:
    """A review action pressed on a story that has left that step since the screen was opened (pressed twice, the
    story open in another tab, another editor of the step was quicker): Wagtail performs nothing and saves the form
    as a draft instead; say so, rather than "sent back" or "forwarded" (:mod:`toasoan.newsroom.middleware` makes
    such presses take turns, so the second one gets here)."""
    task = page.current_workflow_task
    wanted = request.POST.get("workflow-action-name", "")
    if task is not None and wanted in {name for name, _label, _modal in task.get_actions(page, request.user)}:
        return
    setattr(request, STALE_REVIEW, True)
    messages.warning(request, _("Thao tác duyệt vừa bấm không được thực hiện: bài «%(title)s» đã rời bước đó trước "
                                "khi yêu cầu của bạn tới (bấm hai lần, bài mở ở thẻ khác, hoặc người khác đã xử lý). "
                                "Nội dung trên màn hình đã được lưu nháp.") % {"title": page.get_admin_display_title()})


def show_return(request, page) -> None:
    """On the edit screen of a story sent back, say so at the top, with the editor's comment."""
    returned = returned_story(page=page)
    if returned is None:
        return
    if returned.comment:
        message = _("Bài bị trả lại ở bước %(step)s, bởi %(person)s: «%(comment)s». Sửa xong, chọn gửi duyệt lại "
                    "trong thanh thao tác cuối trang.")
    else:
        message = _("Bài bị trả lại ở bước %(step)s, bởi %(person)s (không kèm ý kiến). Sửa xong, chọn gửi duyệt "
                    "lại trong thanh thao tác cuối trang.")
    messages.warning(request, message % {"step": returned.step, "person": returned.returned_by or _("người duyệt"),
                                         "comment": returned.comment})


def warn_two_person_rule(request, page) -> None:
    """On the edit screen of a story at the last step, tell a reviewer why "Duyệt đăng" is not offered."""
    task = page.current_workflow_task
    if task is None or not isinstance(task.specific, FinalApprovalTask):
        return
    task = task.specific
    if not task._user_in_groups(request.user) and not request.user.is_superuser:
        return
    message = task.refusal_message(page, request.user)
    if message:
        if request.user.has_perm("newsroom.override_two_person_rule"):
            message += " " + str(_("Trường hợp khẩn cấp: dùng «Duyệt đăng khẩn cấp» và ghi lý do; việc này được "
                                   "ghi vào lịch sử bài."))
        messages.warning(request, message)


@hooks.register("before_delete_page")
def guard_delete(request, page):
    _guard_structure(request.user, page.specific_class)


@hooks.register("before_move_page")
def guard_move(request, page_to_move, destination):
    _guard_structure(request.user, page_to_move.specific_class)
    # Wagtail checks the move only when it is carried out; its confirmation screen (GET) would show anyone
    # the titles of both pages.
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_openable_pages(pages, request):
    return openable_pages(user=request.user, pages=pages)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_openable_pages(parent_page, pages, request):
    return openable_pages(user=request.user, pages=pages)


class NewsroomPageSearchView(SearchView):
    """Wagtail's page search, narrowed to what the searcher may open (``openable_pages``)."""

    def annotate_queryset(self, pages):
        # Called on the page queryset before the search runs (Wagtail's SearchView.get_queryset).
        return openable_pages(user=self.request.user, pages=super().annotate_queryset(pages))


class NewsroomBasePageViewSet(PageViewSet):
    name = "newsroom_pages"
    search_view_class = NewsroomPageSearchView
    add_view_class = views.CreateOnFirstSaveView  # no page (no stray draft) before the writer saves


@hooks.register("register_admin_viewset", order=100)  # after Wagtail's own base page viewset: replaces it
def register_base_page_viewset():
    return NewsroomBasePageViewSet()


@hooks.register("register_admin_viewset")
def register_sites():
    return sites_admin.sites_viewset()  # in place of wagtail.sites (not installed): its columns in Vietnamese


@hooks.register("register_settings_menu_item")
def register_sites_menu_item():
    return sites_admin.sites_menu_item()


@hooks.register("register_admin_urls")
def newsroom_urls():
    return [path("toa-soan/lich-dang/<int:page_id>/", views.reschedule_view, name="newsroom_reschedule"),
            path("toa-soan/huong-dan/", views.guide_view, name="newsroom_guide")]


class RescheduleButton(PageMenuItem):
    label = _("Đổi giờ lên trang")
    icon_name = "time"

    @property
    def url(self):
        return reverse("newsroom_reschedule", args=[self.page.pk])

    def is_shown(self, user):
        return bool(self.page.go_live_at) and self.page.permissions_for_user(user).can_schedule()


@hooks.register("register_page_header_buttons")
def reschedule_header_button(page, user, view_name, next_url=None):
    yield RescheduleButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def reschedule_listing_button(page, user, next_url=None):
    yield RescheduleButton(page=page, priority=62)


@hooks.register("register_log_actions")
def newsroom_log_actions(actions):
    @actions.register_action(RESCHEDULE_ACTION)
    class RescheduleFormatter(LogFormatter):
        label = _("Đổi giờ lên trang")

        def format_message(self, log_entry):
            return _("Đổi giờ lên trang thành %(to)s") % {"to": _local_time(log_entry.data.get("to"))}

    @actions.register_action(TWO_PERSON_OVERRIDE_LOG)
    class TwoPersonOverrideFormatter(LogFormatter):
        label = _("Duyệt đăng khẩn cấp (ngoại lệ quy tắc hai người)")

        def format_message(self, log_entry):
            return _("Duyệt đăng khẩn cấp, ngoại lệ quy tắc hai người (%(rule)s). Lý do: %(comment)s") % {
                "rule": log_entry.data.get("rule", ""), "comment": log_entry.data.get("comment", "")}


def _local_time(value: str | None) -> str:
    """An ISO time stored in a log entry, as the admin shows and takes times (``20/12/2026 15:00``, Hà Nội)."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return value or ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime(settings.WAGTAIL_DATETIME_FORMAT)


class FrontSlotViewSet(ModelViewSet):
    model = FrontSlot
    icon = "pick"
    menu_label = _("Trang nhất & chuyên mục")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "toa-soan/trang-nhat"
    name = "front_slots"
    list_display = ["front", "kind", "article", "position", "expires_at"]
    list_filter = ["front", "kind"]
    panels = [
        FieldPanel("front", widget=AdminPageChooser(target_models=[HomePage, SectionPage])),
        FieldPanel("kind"),
        FieldPanel("article", widget=AdminPageChooser(target_models=[ArticlePage])),
        FieldPanel("position"),
        FieldPanel("expires_at"),
    ]


front_slot_viewset = FrontSlotViewSet()


@hooks.register("register_admin_viewset")
def register_front_slots():
    return front_slot_viewset


# Wagtail's help menu links to its English release notes and editor guide, and carries a "new" badge until
# each user dismisses it; a Vietnamese newsroom has its own guide and the keyboard shortcuts, without the badge.
ENGLISH_HELP_ITEMS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("register_help_menu_item")
def newsroom_guide_menu_item():
    return MenuItem(_("Hướng dẫn cho tòa soạn"), reverse("newsroom_guide"), name="huong-dan", icon_name="help",
                    order=1000)


@hooks.register("construct_help_menu")
def keep_vietnamese_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_HELP_ITEMS)]


@hooks.register("construct_main_menu")
def help_menu_without_badge(request, menu_items):
    for index, item in enumerate(menu_items):
        if isinstance(item, DismissibleSubmenuMenuItem) and item.name == "help":
            menu_items[index] = SubmenuMenuItem(item.label, item.menu, name=item.name, icon_name=item.icon_name,
                                                order=item.order)


@hooks.register("construct_homepage_panels")
def what_waits_for_you(request, panel_list):
    panel_list.append(ReturnedStoriesPanel())


@hooks.register("insert_global_admin_js")
def newsroom_admin_js():
    return format_html('<script src="{}"></script>', versioned_static("newsroom/admin.js"))


@hooks.register("insert_global_admin_css")
def newsroom_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', versioned_static("newsroom/admin.css"))


@hooks.register("after_edit_page")
def tell_where_the_story_went(request, page):
    """After a review action on the edit screen, say what happened and where the story is now."""
    if ACTION_FIELD not in request.POST or getattr(request, STALE_REVIEW, False):
        return None
    message = workflow_outcome(page=page)
    if message:
        messages.success(request, message)
    return None
