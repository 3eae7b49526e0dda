from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page

from toasoan.newsroom.services import reschedule, scheduled_revision


class RescheduleForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Giờ lên trang"), widget=AdminDateTimeInput,
        error_messages={"required": gettext_lazy("Chưa nhập giờ: trường «Giờ lên trang» là bắt buộc."),
                        "invalid": gettext_lazy("Trường «Giờ lên trang» không đúng dạng ngày/tháng/năm giờ:phút.")},
    )


def reschedule_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_schedule():
        raise PermissionDenied
    revision = scheduled_revision(page=page)
    form = RescheduleForm(request.POST or None,
                          initial={"go_live_at": revision.approved_go_live_at if revision else None})
    if request.method == "POST" and form.is_valid():
        try:
            reschedule(page=page, go_live_at=form.cleaned_data["go_live_at"], user=request.user)
        except ValidationError as exc:
            form.add_error("go_live_at", exc.message_dict.get("go_live_at", exc.messages))
        else:
            messages.success(request, _("Đã đổi giờ lên trang của bài «%(title)s».") % {"title": page.title})
            return redirect("wagtailadmin_pages:history", page.pk)
    return TemplateResponse(request, "newsroom/reschedule.html", {
        "page": page, "form": form, "revision": revision,
        "header_title": _("Đổi giờ lên trang"),
    })


def guide_view(request):
    """The newsroom's own guide, in Vietnamese (the dashboard and the help menu link here, not to Wagtail's)."""
    return TemplateResponse(request, "newsroom/guide.html", {
        "header_title": _("Hướng dẫn cho tòa soạn"),
        "header_subtitle": _("Từ lúc viết bài đến khi bài lên trang"),
        "dashboard_url": reverse("wagtailadmin_home"),
        "explorer_url": reverse("wagtailadmin_explore_root"),
        "fronts_url": reverse("front_slots:index"),
    })


class CreateOnFirstSaveView(CreateView):
    """Wagtail's "add page" form, without autosave: a page exists once its writer first saves it.

    Wagtail 8 autosaves the add form as soon as a field changes, creating the page then; a person who typed a
    title and left without saving left a draft behind in the explorer (issue 19.8). The form still warns about
    unsaved edits on leaving; once saved, the edit form autosaves as usual.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context.pop("autosave_indicator", None)
        return context

    def post(self, request):
        if self.expects_json_response:  # an autosave from an add form opened before this change
            return self.json_error_response(
                "validation_error", _("Bài mới chỉ được tạo khi bạn bấm Lưu nháp, Gửi duyệt hoặc Đăng."))
        return super().post(request)
