"""Editors' corrections of who is who: merge two person records, split one into two; one organisation or place
written two ways folded into one record (:func:`merge_records`, used by the migration that re-keys them).

A merge keeps every link: the source's article links, positions and aliases move to the target (where
both name the same article, the editor's stronger decision wins: confirmed over suggested over
rejected), the source's name becomes an alias of the target, and the source record goes.
A split moves the chosen articles' links and positions to a new record (a namesake, or a short form
that was wrongly resolved) and leaves the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from toasoan.core.text import fold
from toasoan.entities.models import ArticleEntity, LinkState, Person, PersonAlias, Position

__all__ = ["MergeError", "merge_people", "merge_records", "move_links", "split_person"]

_STRENGTH = {LinkState.CONFIRMED: 2, LinkState.SUGGESTED: 1, LinkState.REJECTED: 0}


class MergeError(ValueError):
    """A merge or split that cannot be done; the message is for the editor."""


def _add_alias(person: Person, name: str) -> None:
    if fold(name) != fold(person.name):
        PersonAlias.objects.get_or_create(person=person, key=Person.key_for(name), defaults={"name": name[:255]})


def move_links(links: type[Any], *, field: str, source_id: int, target_id: int) -> None:
    """Move the article links of one record to another of its kind (``field``: "person", "organisation", "place").
    Where both name the same article, the editor's stronger decision stays (confirmed over suggested over
    rejected). ``links``: the ArticleEntity model, or its historical version in a data migration."""
    target_links = {link.article_id: link for link in links.objects.filter(**{f"{field}_id": target_id})}
    for link in links.objects.filter(**{f"{field}_id": source_id}):
        kept = target_links.get(link.article_id)
        if kept is None:
            setattr(link, f"{field}_id", target_id)
            link.save(update_fields=[field, "updated_at"])
            continue
        if _STRENGTH[link.state] > _STRENGTH[kept.state]:
            kept.state = link.state
            kept.save(update_fields=["state", "updated_at"])
        link.delete()


def merge_records(*, source: Any, target: Any, links: type[Any] = ArticleEntity,
                  positions: type[Any] = Position) -> Any:
    """Fold an organisation or place record into another of its kind; returns the target. Every article link is
    kept (:func:`move_links`), positions held at the source organisation name the target, the source goes.
    ``links``/``positions``: the models, or their historical versions in a data migration."""
    if source.pk == target.pk:
        raise MergeError(_("Không thể gộp một mục vào chính nó."))
    field = source._meta.model_name
    move_links(links, field=field, source_id=source.pk, target_id=target.pk)
    if field == "organisation":
        positions.objects.filter(organisation_id=source.pk).update(organisation_id=target.pk)
    elif not target.kind and source.kind:
        target.kind = source.kind
        target.save(update_fields=["kind"])
    source.delete()
    return target


@transaction.atomic
def merge_people(*, source: Person, target: Person) -> Person:
    """Fold ``source`` into ``target``; returns the target. Every link and position is kept."""
    if source.pk == target.pk:
        raise MergeError(_("Không thể gộp một nhân vật vào chính nó."))
    move_links(ArticleEntity, field="person", source_id=source.pk, target_id=target.pk)
    target_positions = set(Position.objects.filter(person=target).values_list("article_id", "title"))
    for position in Position.objects.filter(person=source):
        if (position.article_id, position.title) in target_positions:
            position.delete()
        else:
            position.person = target
            position.save(update_fields=["person"])
    for alias in PersonAlias.objects.filter(person=source):
        _add_alias(target, alias.name)
    _add_alias(target, source.name)
    if target.photo_id is None and source.photo_id is not None:
        target.photo_id = source.photo_id
        target.save(update_fields=["photo"])
    source.delete()
    return target


@transaction.atomic
def split_person(*, person: Person, name: str, article_ids: Iterable[int], note: str = "") -> Person:
    """Move the links and positions of ``article_ids`` from ``person`` to a new record called ``name``."""
    name = " ".join((name or "").split())
    if not name:
        raise MergeError(_("Cần nhập tên cho nhân vật mới."))
    chosen = set(article_ids)
    linked = set(ArticleEntity.objects.filter(person=person).values_list("article_id", flat=True))
    if not chosen:
        raise MergeError(_("Hãy chọn ít nhất một bài viết để chuyển sang nhân vật mới."))
    if not chosen <= linked:
        raise MergeError(_("Có bài viết được chọn không gắn với nhân vật này."))
    if chosen == linked:
        raise MergeError(_("Phải giữ lại ít nhất một bài viết cho nhân vật hiện tại; hãy đổi tên thay vì tách."))
    new = Person.objects.create(name=name[:255], key=Person.key_for(name), note=note[:255])
    ArticleEntity.objects.filter(person=person, article_id__in=chosen).update(person=new)
    Position.objects.filter(person=person, article_id__in=chosen).update(person=new)
    return new
