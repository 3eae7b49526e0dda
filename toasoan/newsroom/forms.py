"""The article edit form: what a story needs before it goes to review, checked with messages in Vietnamese.

Saving a draft keeps Wagtail's deferred validation (a half-written story can always be saved). Submitting,
forwarding, approving or publishing runs the full checks: title, sapo, a section as parent, and a caption
and a photo credit on every uploaded photo. Figures without an image (placeholders left by the importer)
are flagged on the edit screen, not refused. On refusal the form comes back with everything typed in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

REQUIRED_MESSAGES = {
    "title": gettext_lazy("Chưa có tiêu đề: trường «Tiêu đề» là bắt buộc."),
    "sapo": gettext_lazy("Chưa có sapo: trường «Sapo» là bắt buộc."),
}


@dataclass(frozen=True)
class FigureProblem:
    path: tuple[int, ...]  # block index, then photo index inside a gallery
    field: str  # "caption" or "credit"
    message: str


def _figure_problems(value, *, position: str) -> dict[str, str]:
    """Missing caption/credit of one figure that has an uploaded image (placeholders are not checked)."""
    image = value.get("image")
    if image is None:
        return {}
    problems = {}
    if not (value.get("caption") or "").strip():
        problems["caption"] = _("%(where)s chưa có chú thích: trường «Chú thích» là bắt buộc với ảnh đã tải lên.") % {
            "where": position}
    if not ((value.get("credit") or "").strip() or (getattr(image, "credit", "") or "").strip()):
        problems["credit"] = _(
            "%(where)s chưa ghi tác giả ảnh: điền trường «Tác giả ảnh» (hoặc tác giả trong thư viện ảnh)."
        ) % {"where": position}
    return problems


def body_problems(body) -> list[FigureProblem]:
    """Every caption/credit missing from uploaded photos in a body StreamValue."""
    found: list[FigureProblem] = []
    figure_no = 0
    for index, block in enumerate(body or []):
        if block.block_type == "figure":
            figure_no += 1
            where = _("Ảnh thứ %(n)d trong «Nội dung»") % {"n": figure_no}
            for name, message in _figure_problems(block.value, position=where).items():
                found.append(FigureProblem(path=(index,), field=name, message=message))
        elif block.block_type == "gallery":
            for photo_index, photo in enumerate(block.value.get("photos") or []):
                figure_no += 1
                where = _("Ảnh thứ %(n)d trong «Nội dung» (bộ ảnh)") % {"n": figure_no}
                for name, message in _figure_problems(photo, position=where).items():
                    found.append(FigureProblem(path=(index, photo_index), field=name, message=message))
    return found


def _stream_error(problems: list[FigureProblem]) -> StreamBlockValidationError:
    per_block: dict[int, dict] = {}
    for problem in problems:
        if len(problem.path) == 1:
            per_block.setdefault(problem.path[0], {})[problem.field] = ValidationError(problem.message)
        else:
            gallery = per_block.setdefault(problem.path[0], {}).setdefault("__photos__", {})
            gallery.setdefault(problem.path[1], {})[problem.field] = ValidationError(problem.message)
    block_errors = {}
    for index, errors in per_block.items():
        photos = errors.pop("__photos__", None)
        if photos:
            errors["photos"] = ListBlockValidationError(
                block_errors={i: StructBlockValidationError(block_errors=e) for i, e in photos.items()}
            )
        block_errors[index] = StructBlockValidationError(block_errors=errors)
    return StreamBlockValidationError(block_errors=block_errors)


def _sign_new_story(instance, user) -> None:
    """A new story starts signed with its writer's byline (their author profile), which they may change."""
    if instance is None or instance.pk is not None or user is None or not hasattr(instance, "article_authors"):
        return
    author = getattr(user, "author", None) if user.is_authenticated else None
    if author is not None and not list(instance.article_authors.all()):
        link = instance.article_authors.model(author=author, sort_order=0)
        instance.article_authors = [link]


class SubmissionChecksMixin:
    """Mixed into the article's admin form (whatever base form the model declares)."""

    def __init__(self, *args, **kwargs):
        if not args and kwargs.get("data") is None:  # an empty form for a new story: signed by its writer
            _sign_new_story(kwargs.get("instance"), kwargs.get("for_user"))
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def clean(self):
        cleaned = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned
        parent = self.parent_page
        if parent is None or parent.specific_class.__name__ != "SectionPage":
            self.add_error(None, _("Bài chưa thuộc chuyên mục nào: trường «Chuyên mục chính» là bắt buộc; "
                                   "hãy tạo bài trong một chuyên mục."))
        if "body" in self.fields and not _has_text(cleaned.get("body")):
            self.add_error(None, _("Bài chưa có nội dung: trường «Nội dung» cần ít nhất một đoạn văn hoặc một ảnh."))
        if "article_authors" in getattr(self, "formsets", {}) and not self._bylines():
            self.add_error(None, _("Bài chưa ký tên: hãy chọn ít nhất một người trong mục «Tác giả»."))
        problems = body_problems(cleaned.get("body")) if "body" in self.fields else []
        if problems:
            for problem in problems:
                self.add_error(None, problem.message)
            self.add_error("body", _stream_error(problems))
        return cleaned

    def _bylines(self) -> int:
        formset = self.formsets["article_authors"]
        if not formset.is_valid():
            return len(formset.forms)  # the formset's own errors are shown; do not add a second message
        return sum(1 for form in formset.forms
                   if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE"))


def _page_permissions(form) -> set[str]:
    """The page permissions (Wagtail action names) of the form's user on the page, or on its parent when new."""
    user = getattr(form, "for_user", None)
    page = form.instance if form.instance.pk else getattr(form, "parent_page", None)
    if user is None or page is None:
        return set()
    if user.is_superuser:
        return {"unpublish", "publish", "change", "add"}
    return set(page.permissions_for_user(user).permissions)


class ExpiryGuardMixin:
    """An expiry time takes a page down: only people who may take it down (``unpublish``) set one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("expire_at")
        if field is not None and "unpublish" not in _page_permissions(self):
            field.disabled = True
            field.help_text = _("Chỉ người có quyền gỡ bài mới đặt được giờ gỡ bài.")


class EventDeskMixin:
    """«Ban phụ trách» of an event: a desk editor picks one of his desk's sections (and must pick one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("desk_section")
        user = getattr(self, "for_user", None)
        if field is None or user is None or user.is_superuser:
            return
        home = self.parent_page.get_parent() if getattr(self, "parent_page", None) else None
        self.whole_site = home is not None and "change" in home.permissions_for_user(user).permissions
        if not self.whole_site:
            allowed = [section.pk for section in field.queryset
                       if "change" in section.permissions_for_user(user).permissions]
            field.queryset = field.queryset.filter(pk__in=allowed)
            field.required = True
            field.error_messages["required"] = _("Chưa chọn ban phụ trách: trường «Ban phụ trách» là bắt buộc "
                                                 "với biên tập viên của ban.")


def _has_text(body) -> bool:
    """Whether a body StreamValue holds something a reader can read (an empty paragraph does not count)."""
    for block in body or []:
        value = block.value
        if block.block_type in ("paragraph", "text", "rich_text") or hasattr(value, "source"):
            source = getattr(value, "source", value)
            if strip_tags(str(source or "")).strip():
                return True
        elif value:
            return True
    return False


def with_submission_checks(base: type[WagtailAdminPageForm]) -> type[WagtailAdminPageForm]:
    """``base`` (the model's own admin form) with the newsroom's submission checks on top."""
    if issubclass(base, SubmissionChecksMixin):
        return base
    return type("ArticleAdminForm", (SubmissionChecksMixin, ExpiryGuardMixin, base), {"__module__": __name__})


def with_event_checks(base: type[WagtailAdminPageForm]) -> type[WagtailAdminPageForm]:
    """``base`` with the event rules: the desk, and the expiry time only for those who may take it down."""
    if issubclass(base, EventDeskMixin):
        return base
    return type("EventAdminForm", (EventDeskMixin, ExpiryGuardMixin, base), {"__module__": __name__})
