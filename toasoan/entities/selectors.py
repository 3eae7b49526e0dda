"""Read side: confirmed people/organisations/places of an article, and an entity's articles by cursor."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from toasoan.core.pagination import KeysetPage, keyset_page
from toasoan.entities.models import ArticleEntity, LinkState, Organisation, Person, Place, Position
from toasoan.entities.protocol import protocol_rank


def article_people(*, article: Any) -> list[Person]:
    """Confirmed people of an article, in the order they were linked."""
    if article is None or getattr(article, "pk", None) is None:
        return []
    return [
        link.person
        for link in ArticleEntity.objects.filter(article_id=article.pk, state=LinkState.CONFIRMED, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    ]


def article_links(*, article: Any) -> list[ArticleEntity]:
    """Every link of an article (for the editor), suggestions first."""
    return list(
        ArticleEntity.objects.filter(article_id=article.pk)
        .select_related("person", "organisation", "place")
        .order_by("state", "kind", "pk")
    )


def _articles(**link_filter: Any) -> QuerySet:
    from toasoan.news.selectors import published_articles

    return published_articles().filter(
        entity_links__state=LinkState.CONFIRMED, **{f"entity_links__{k}": v for k, v in link_filter.items()}
    )


def entity_articles(
    *, entity: Person | Organisation | Place, cursor: str | None = None, size: int | None = None
) -> KeysetPage:
    """Published articles confirmed to name ``entity``, newest first, paged by cursor."""
    from toasoan.news.selectors import page_size

    field = {Person: "person", Organisation: "organisation", Place: "place"}[type(entity)]
    return keyset_page(_articles(**{field: entity}), cursor=cursor, size=size or page_size())


def person_positions(*, person: Person) -> list[Position]:
    """One line per distinct title (its latest sighting), in protocol order: the highest office first
    ("Ủy viên Bộ Chính trị" before "Bí thư Trung ương Đảng" before "Trưởng ban..."), then as the
    articles listed them, then newest first."""
    seen: set[str] = set()
    latest: list[Position] = []
    for position in person.positions.select_related("organisation").order_by("-seen_at", "order", "pk"):
        key = position.title.casefold()
        if key not in seen:
            seen.add(key)
            latest.append(position)
    newest = {position.pk: index for index, position in enumerate(latest)}
    return sorted(latest, key=lambda p: (protocol_rank(p.title), -p.seen_at.toordinal(), p.order, newest[p.pk]))
