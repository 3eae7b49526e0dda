"""Size limits of an article's text, checked on every save (drafts included) with Vietnamese messages.

A 15 MB body made a 43 MB revision: each revision stores the whole page as JSON. The sapo and the body
are refused above ``TOASOAN_MAX_SAPO_CHARS`` / ``TOASOAN_MAX_BODY_CHARS``; the form comes back with
everything typed. The importer applies the same limits (:func:`text_problems`).
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.stream_block import StreamBlockValidationError

from toasoan.limits import conf, sizes


def sapo_problem(sapo: str) -> str | None:
    if len(sapo or "") > conf.max_sapo_chars():
        return _("Sapo quá dài: %(length)s ký tự, tối đa %(limit)s. Sapo là đoạn mở đầu ngắn; phần còn lại thuộc về "
                 "nội dung bài.") % {"length": sizes.count(len(sapo)), "limit": sizes.count(conf.max_sapo_chars())}
    return None


def body_problem(length: int) -> str | None:
    if length > conf.max_body_chars():
        return _("Nội dung bài quá dài: %(length)s ký tự (kể cả định dạng), tối đa %(limit)s. Hãy tách thành nhiều "
                 "bài hoặc bỏ phần dán thừa.") % {"length": sizes.count(length),
                                                  "limit": sizes.count(conf.max_body_chars())}
    return None


def stored_length(body) -> int:
    """The length of the body as a revision stores it (its JSON)."""
    if body is None:
        return 0
    prep = body.get_prep_value() if hasattr(body, "get_prep_value") else body
    return len(json.dumps(prep, ensure_ascii=False, default=str))


def text_problems(*, sapo: str, body_length: int) -> list[str]:
    return [p for p in (sapo_problem(sapo), body_problem(body_length)) if p]


class SizeLimitsMixin:
    def clean(self):
        cleaned = super().clean()
        if "sapo" in self.fields:
            problem = sapo_problem(cleaned.get("sapo") or "")
            if problem:
                self.add_error("sapo", problem)
        if "body" in self.fields:
            problem = body_problem(stored_length(cleaned.get("body")))
            if problem:
                self.add_error(None, problem)
                self.add_error("body", StreamBlockValidationError(non_block_errors=[ValidationError(problem)]))
        return cleaned


def with_size_limits(base: type[WagtailAdminPageForm]) -> type[WagtailAdminPageForm]:
    if issubclass(base, SizeLimitsMixin):
        return base
    return type(base.__name__, (SizeLimitsMixin, base), {"__module__": __name__})
