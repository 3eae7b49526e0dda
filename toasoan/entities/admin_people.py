"""Admin screens to merge two person records and to split one, for the editor roles."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.snippets.widgets import AdminSnippetChooser

from toasoan.entities.merging import MergeError, merge_people, split_person
from toasoan.entities.models import ArticleEntity, Person


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        label=gettext_lazy("Gộp vào nhân vật"),
        help_text=gettext_lazy("Mọi bài viết, chức vụ và tên khác của nhân vật này sẽ chuyển sang nhân vật được chọn."),
        widget=AdminSnippetChooser(Person),
        error_messages={"required": gettext_lazy("Hãy chọn nhân vật để gộp vào."),
                        "invalid_choice": gettext_lazy("Nhân vật được chọn không còn tồn tại.")},
    )


class SplitForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên nhân vật mới"), max_length=255,
                           error_messages={"required": gettext_lazy("Cần nhập tên cho nhân vật mới.")})
    note = forms.CharField(label=gettext_lazy("Ghi chú phân biệt"), max_length=255, required=False,
                           help_text=gettext_lazy("Ví dụ: “Bí thư Tỉnh ủy Nghệ An” hoặc “cầu thủ, sinh 1997”."))
    articles = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Bài viết chuyển sang nhân vật mới"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Hãy chọn ít nhất một bài viết để chuyển sang nhân vật mới.")},
    )

    def __init__(self, *args, person: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        links = ArticleEntity.objects.filter(person=person).select_related("article").order_by("-article__pk")
        self.fields["articles"].choices = [(link.article_id, link.article.title) for link in links]


def _require(request: HttpRequest, *codenames: str) -> None:
    if not all(request.user.has_perm(f"entities.{codename}") for codename in codenames):
        raise PermissionDenied


def _list_url() -> str:
    return reverse("wagtailsnippets_entities_person:list")


def merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change_person", "delete_person")
    person = get_object_or_404(Person, pk=pk)
    form = MergeForm(request.POST or None)
    form.fields["target"].queryset = Person.objects.exclude(pk=person.pk)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            merge_people(source=person, target=target)
        except MergeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã gộp “%(source)s” vào “%(target)s”; mọi bài viết được giữ lại.")
                             % {"source": person.name, "target": target.name})
            return redirect(reverse("wagtailsnippets_entities_person:edit", args=[target.pk]))
    return TemplateResponse(request, "entities/admin/person_form.html", {
        "form": form, "person": person, "list_url": _list_url(),
        "header_title": _("Gộp nhân vật: %(name)s") % {"name": person.name},
        "submit_label": _("Gộp"),
    })


def split_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change_person", "add_person")
    person = get_object_or_404(Person, pk=pk)
    form = SplitForm(request.POST or None, person=person, initial={"name": person.name})
    if request.method == "POST" and form.is_valid():
        try:
            new = split_person(person=person, name=form.cleaned_data["name"],
                               article_ids=form.cleaned_data["articles"], note=form.cleaned_data["note"])
        except MergeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã tách %(count)s bài viết sang nhân vật mới “%(name)s”.")
                             % {"count": len(form.cleaned_data["articles"]), "name": new.name})
            return redirect(reverse("wagtailsnippets_entities_person:edit", args=[new.pk]))
    return TemplateResponse(request, "entities/admin/person_form.html", {
        "form": form, "person": person, "list_url": _list_url(),
        "header_title": _("Tách nhân vật: %(name)s") % {"name": person.name},
        "submit_label": _("Tách"),
    })
