"""Reader pages: "Nhân vật", organisation and place pages with their articles ("Xem thêm" by cursor)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from toasoan.entities import selectors
from toasoan.entities.models import LinkState, Organisation, Person, Place

FRAGMENT = "news/includes/article_list_fragment.html"


def _entity_page(request: HttpRequest, *, entity, template: str, extra: dict | None = None) -> HttpResponse:
    cursor = request.GET.get("sau")
    page = selectors.entity_articles(entity=entity, cursor=cursor)
    if not page.items and not cursor and not entity.article_links.filter(state=LinkState.CONFIRMED).exists():
        raise Http404
    context = {"entity": entity, "page_of_articles": page, "page_title": entity.name, **(extra or {})}
    if request.GET.get("fragment") == "1":
        return render(request, FRAGMENT, context)
    return render(request, template, context)


def person_page(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    positions = selectors.person_positions(person=person)
    return _entity_page(request, entity=person, template="entities/person_page.html", extra={"positions": positions})


def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return _entity_page(request, entity=organisation, template="entities/entity_page.html",
                        extra={"kind": "organisation", "kind_label": _("Tổ chức")})


def place_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug)
    return _entity_page(request, entity=place, template="entities/entity_page.html",
                        extra={"kind": "place", "kind_label": _("Địa danh")})
