"""Write side: turn an article's text into suggested (or confirmed) links to people, organisations, places."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from toasoan.entities.extraction import Extraction, extract_entities
from toasoan.entities.models import (
    ArticleEntity,
    EntityKind,
    LinkSource,
    LinkState,
    Organisation,
    Person,
    Place,
    Position,
)

logger = logging.getLogger(__name__)

# Text-bearing fields of body blocks (figure captions name people too).
_TEXT_KEYS = ("text", "caption", "heading", "title", "transcript", "text_alternative", "attribution")


@dataclass(frozen=True)
class ExtractionSummary:
    suggested: int
    confirmed: int
    skipped_rejected: int


def _block_texts(value: Any, out: list[str], depth: int = 0) -> None:
    if depth > 6 or value is None:
        return
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        out.append(html.unescape(strip_tags(source.replace("</p>", "</p>\n"))))
        return
    if isinstance(value, str):
        out.append(value)
        return
    if hasattr(value, "items") and callable(value.items):  # StructValue / dict
        for key, item in value.items():
            if key in _TEXT_KEYS or hasattr(item, "source") or hasattr(item, "__iter__"):
                if isinstance(item, str) and key not in _TEXT_KEYS:
                    continue
                _block_texts(item, out, depth + 1)
        return
    if isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        for item in value:
            _block_texts(getattr(item, "value", item), out, depth + 1)


def article_text(*, article: Any) -> str:
    """Title, sapo, then every paragraph and caption of the body, one per paragraph."""
    parts: list[str] = [article.title or "", getattr(article, "sapo", "") or ""]
    for block in getattr(article, "body", None) or []:
        _block_texts(block.value, parts)
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _get_or_create(model: type, name: str, **extra: Any):
    key = model.key_for(name)
    obj = model.objects.filter(key=key).first()
    if obj is None:
        obj = model.objects.create(name=name[:255], key=key, **extra)
    return obj


def _link(*, article: Any, kind: str, target: Any, context: str, auto_confirm: bool, counts: dict[str, int]) -> None:
    link = ArticleEntity.objects.filter(article=article, **{kind: target}).first()
    state = LinkState.CONFIRMED if auto_confirm else LinkState.SUGGESTED
    if link is None:
        ArticleEntity.objects.create(
            article=article,
            kind=kind,
            source=LinkSource.EXTRACTED,
            state=state,
            context=context[:2000],
            **{kind: target},
        )
        counts[state] += 1
        return
    if link.state == LinkState.REJECTED:
        counts["rejected"] += 1
        return
    if auto_confirm and link.state == LinkState.SUGGESTED:
        link.state = LinkState.CONFIRMED
        link.save(update_fields=["state", "updated_at"])
    counts[link.state] += 1


def _apply(*, article: Any, result: Extraction, auto_confirm: bool) -> ExtractionSummary:
    counts = {LinkState.SUGGESTED: 0, LinkState.CONFIRMED: 0, "rejected": 0}
    when = article.published_at or article.first_published_at or timezone.now()
    seen_at = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    found: dict[str, set[int]] = {EntityKind.PERSON: set(), EntityKind.ORGANISATION: set(), EntityKind.PLACE: set()}

    organisations: dict[str, Organisation] = {}
    for item in result.organisations:
        organisation = _get_or_create(Organisation, item.name)
        organisations[Organisation.key_for(item.name)] = organisation
        found[EntityKind.ORGANISATION].add(organisation.pk)
        _link(
            article=article,
            kind=EntityKind.ORGANISATION,
            target=organisation,
            context=result.sentence(item.mentions[0].sentence),
            auto_confirm=auto_confirm,
            counts=counts,
        )
    for item in result.places:
        place = _get_or_create(Place, item.name, kind=item.kind)
        found[EntityKind.PLACE].add(place.pk)
        _link(
            article=article,
            kind=EntityKind.PLACE,
            target=place,
            context=result.sentence(item.mentions[0].sentence),
            auto_confirm=auto_confirm,
            counts=counts,
        )
    for item in result.people:
        person = _get_or_create(Person, item.name)
        found[EntityKind.PERSON].add(person.pk)
        _link(
            article=article,
            kind=EntityKind.PERSON,
            target=person,
            context=result.sentence(item.mentions[0].sentence),
            auto_confirm=auto_confirm,
            counts=counts,
        )
        for position in item.positions:
            organisation = None
            if position.organisation:
                organisation = organisations.get(Organisation.key_for(position.organisation)) or _get_or_create(
                    Organisation, position.organisation
                )
            Position.objects.update_or_create(
                person=person,
                article=article,
                title=position.text[:255],
                defaults={"organisation": organisation, "seen_at": seen_at},
            )
    # Suggestions the text no longer supports go away; confirmed and rejected links are the editors'.
    stale = ArticleEntity.objects.filter(article=article, source=LinkSource.EXTRACTED, state=LinkState.SUGGESTED)
    for kind, ids in found.items():
        stale.filter(kind=kind).exclude(**{f"{kind}__in": ids}).delete()
    return ExtractionSummary(
        suggested=counts[LinkState.SUGGESTED],
        confirmed=counts[LinkState.CONFIRMED],
        skipped_rejected=counts["rejected"],
    )


def extract_for_article(*, article: Any, auto_confirm: bool = False) -> ExtractionSummary | None:
    """Extract the entities an article names and link them to it. Never raises: logs and returns None."""
    try:
        result = extract_entities(article_text(article=article))
        with transaction.atomic():
            return _apply(article=article, result=result, auto_confirm=auto_confirm)
    except Exception:
        logger.exception("entity extraction failed for article %s", getattr(article, "pk", None))
        return None


def set_link_state(*, link: ArticleEntity, state: str) -> ArticleEntity:
    """An editor confirms or rejects a suggestion (or changes their mind)."""
    if state not in (LinkState.CONFIRMED, LinkState.REJECTED, LinkState.SUGGESTED):
        raise ValueError(state)
    link.state = state
    link.save(update_fields=["state", "updated_at"])
    return link
