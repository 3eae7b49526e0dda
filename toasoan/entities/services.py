"""Write side: turn articles' text into suggested (or confirmed) links to people, organisations, places.

Bulk API (stable; the importer calls it once per batch instead of one task per article)::

    extract_many(*, articles: Iterable[ArticlePage], auto_confirm: bool = False, batch_size: int = 200)
        -> dict[int, ExtractionSummary]

It reads each article's text (title, sapo, body blocks), extracts entities, and writes per batch:
existing records looked up in one query per kind, new ones created, links and positions inserted with
``bulk_create``. Confirmed and rejected links are the editors' and are never touched; suggestions the
text no longer supports go away. The result maps each article's pk to what was written; an article
whose text cannot be read is logged and left out. ``extract_for_article`` is the same for one article.

Identity across articles: a person is found by name or by one of their aliases (``PersonAlias``); a short form
the article resolved ("Biden" for "Joe Biden") becomes an alias; a one-word name met alone ("Putin") goes to
the one person whose name ends with it, and a name of one word never makes a record. Namesakes: when records
with the name exist and the text places the person in a province none of them was seen in, a new record is
made (editors merge in the admin if it was the same person). A body that exists in every province written bare
("Tỉnh ủy", "UBND tỉnh", "Sở Xây dựng") is stored under the article's province ("Tỉnh ủy Nghệ An"); with no
province in the article it is not stored. Places are stored under whole names
(:mod:`toasoan.entities.records`): "thôn Bợm", not "Bợm"; "Chủ tịch xã Tràng Sơn" links the commune as a
place.
"""

from __future__ import annotations

import html
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from toasoan.core.text import fold
from toasoan.entities import provinces
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
from toasoan.entities.people_memory import PeopleMemory
from toasoan.entities.records import administrative_unit, place_record_name

logger = logging.getLogger(__name__)

__all__ = ["ExtractionSummary", "article_text", "extract_for_article", "extract_many", "set_link_state"]

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


# --- bodies that exist in every province -------------------------------------------------------------
_PER_PROVINCE_HEADS = (
    "tinh uy", "thanh uy", "ban thuong vu", "btv", "ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan",
    "cong an tinh", "cong an thanh pho", "tand tinh", "vksnd tinh", "mttq", "uy ban mat tran", "so ", "tinh doan",
    "thanh doan",
    "bo chi huy quan su", "ban tuyen giao", "ban to chuc", "ban dan van", "ban noi chinh", "uy ban kiem tra",
    "cuc thue", "kho bac", "bao hiem xa hoi", "dang uy khoi", "lien doan lao dong", "hoi nong dan", "hoi lien hiep",
)


_BELOW_PROVINCE = (" huyen", " xa", " quan", " phuong", " thi xa", " thi tran")
_PROVINCE_LEVEL = (" tinh", " thanh pho", " tp")
_NATIONAL = ("trung uong", "chinh phu", "quoc hoi", "quoc gia", "viet nam", "bo chinh tri", "ban bi thu")


def _article_province(result: Extraction) -> str | None:
    """The province the article is about: the one its text names most (as written)."""
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    for place in result.places:
        found = provinces.lookup(place.name)
        if found is not None:
            counts[found.current] += len(place.mentions)
            written.setdefault(found.current, place.name)
    if not counts:
        return None
    return written[counts.most_common(1)[0][0]]


def _names_a_province(name: str) -> bool:
    return bool(provinces.named_in(name))


def qualified_organisation(name: str, *, province: str | None) -> str | None:
    """The name to store for an organisation: bare province bodies get the article's province.

    "Tỉnh ủy" → "Tỉnh ủy Nghệ An"; "UBND tỉnh" → "UBND tỉnh Nghệ An"; "Bộ Y tế" stays; a bare body
    with no province to tie it to gives None (it names no one body)."""
    folded = " ".join(fold(name).split())
    if _names_a_province(name):
        return name
    if folded.endswith(_BELOW_PROVINCE):
        return None  # "Phòng Nông nghiệp huyện", "Đảng ủy xã": which district or commune the text does not say
    if folded.endswith(_PROVINCE_LEVEL):
        return f"{name} {province}" if province else None  # "Cục Thống kê tỉnh" -> "… tỉnh Nghệ An"
    if not any(folded.startswith(head) for head in _PER_PROVINCE_HEADS):
        return name
    if any(word in folded for word in _NATIONAL):
        return name  # "Ban Tổ chức Trung ương", "Ủy ban Kiểm tra Trung ương"
    if province is None:
        return None
    return f"{name} {province}"


# --- people across articles --------------------------------------------------------------------------
def _provinces_in(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found |= provinces.named_in(text)
    return found


def find_person(*, name: str, evidence: Iterable[str] = (), organisations: Iterable[str] = (),
                memory: PeopleMemory | None = None) -> Person | None:
    """The record an extracted name belongs to, or None when a new one must be made.

    ``evidence``: what the text says about the person (positions as written); ``organisations``: the
    organisations of those positions. Among records with the name or alias, one seen in the same province
    or organisation wins; a record seen only in other provinces is a namesake, not this person, and so is
    one seen only at other companies, clubs, schools or hospitals (a director and a footballer who share a
    name). State bodies alone do not tell namesakes apart: officials move between them. ``memory``: what a batch
    of articles already read (:class:`~toasoan.entities.people_memory.PeopleMemory`)."""
    memory = memory or PeopleMemory()
    key = Person.key_for(name)
    candidates = memory.candidates(key)
    if not candidates:
        return None
    wanted = _provinces_in(evidence)
    wanted_orgs = {Organisation.key_for(org) for org in organisations if org}
    best: Person | None = None
    best_score = -1
    for candidate in candidates:
        seen = _provinces_in(memory.titles(candidate))
        if wanted and seen and not wanted & seen:
            continue  # a namesake from elsewhere
        seen_orgs = memory.organisation_keys(candidate)
        if not wanted & seen and _other_employers(wanted_orgs, seen_orgs):
            continue  # a namesake who works somewhere else
        score = (2 if wanted & seen else 0) + (2 if wanted_orgs & seen_orgs else 0) + (1 if candidate.key == key else 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


# Heads of organisations that are employers, not state bodies an official moves between (folded).
_EMPLOYER_HEADS = ("cong ty", "tap doan", "tong cong ty", "ngan hang", "clb", "cau lac bo", "truong", "dai hoc",
                   "benh vien", "doi tuyen", "hop tac xa", "htx", "ctcp")


def _other_employers(wanted: set[str], seen: set[str]) -> bool:
    """Both sides name employers (companies, clubs, schools, hospitals) and none in common."""
    def employers(keys: set[str]) -> set[str]:
        return {key for key in keys if key.startswith(_EMPLOYER_HEADS)}

    return bool(employers(wanted)) and bool(employers(seen)) and not wanted & seen


def _person_for(item: Any, memory: PeopleMemory) -> Person | None:
    evidence = [position.text for position in item.positions]
    person = find_person(name=item.name, evidence=evidence,
                         organisations=[position.organisation or "" for position in item.positions], memory=memory)
    if person is None and (item.alone or len(item.name.split()) == 1):
        return None  # "ông Biden" with no Joe Biden known, "Salazar", "Jack": one word is not a record of its own
    if person is None:
        note = item.positions[0].text[:255] if item.positions and Person.objects.filter(
            key=Person.key_for(item.name)
        ).exists() else ""
        person = Person.objects.create(name=item.name[:255], key=Person.key_for(item.name), note=note)
        memory.person_created()
    names = {fold(person.name)}
    for alias in (item.name, *item.aliases):
        if fold(alias) not in names:
            names.add(fold(alias))
            memory.ensure_alias(person=person, key=Person.key_for(alias), name=alias)
    return person


# --- writing -----------------------------------------------------------------------------------------
def _records(model: type, names: dict[str, str], **extra: Any) -> dict[str, Any]:
    """Records by key for the given {key: name}, creating the missing ones (one query to find them)."""
    found = {obj.key: obj for obj in model.objects.filter(key__in=list(names))}
    for key, name in names.items():
        if key not in found:
            found[key] = model.objects.create(name=name[:255], key=key, **extra.get(key, {}))
    return found


def _place(places: dict[str, Any], name: str, kind: str) -> Place:
    """The record of a place a position names, made when missing (kept in ``places`` for the batch)."""
    name = place_record_name(name=name, kind=kind)
    key = Place.key_for(name)
    if key not in places:
        places.update(_records(Place, {key: name}, **{key: {"kind": kind}}))
    return places[key]


def _seen_at(article: Any):
    when = article.published_at or article.first_published_at or timezone.now()
    return timezone.localdate(when) if timezone.is_aware(when) else when.date()


def _write(pairs: list[tuple[Any, Extraction]], *, auto_confirm: bool) -> dict[int, ExtractionSummary]:
    state = LinkState.CONFIRMED if auto_confirm else LinkState.SUGGESTED
    plans: list[tuple[Any, str | None, dict[str, dict[str, str]], list[tuple[Any, str]]]] = []
    org_names: dict[str, str] = {}
    place_names: dict[str, str] = {}
    place_kinds: dict[str, dict[str, str]] = {}
    for article, result in pairs:
        province = _article_province(result)
        contexts: dict[str, dict[str, str]] = {EntityKind.ORGANISATION: {}, EntityKind.PLACE: {}}
        for item in result.organisations:
            name = qualified_organisation(item.name, province=province)
            if name:
                key = Organisation.key_for(name)
                org_names.setdefault(key, name)
                contexts[EntityKind.ORGANISATION].setdefault(key, result.sentence(item.mentions[0].sentence))
        for item in result.places:
            name = place_record_name(name=item.name, kind=item.kind)
            key = Place.key_for(name)
            place_names.setdefault(key, name)
            place_kinds.setdefault(key, {"kind": item.kind[:40]})
            contexts[EntityKind.PLACE].setdefault(key, result.sentence(item.mentions[0].sentence))
        people = [(item, result.sentence(item.mentions[0].sentence)) for item in result.people]
        plans.append((article, province, contexts, people))
    organisations = _records(Organisation, org_names)
    places = _records(Place, place_names, **place_kinds)

    article_ids = [plan[0].pk for plan in plans]
    existing: dict[tuple[int, str, int], ArticleEntity] = {}
    for link in ArticleEntity.objects.filter(article_id__in=article_ids):
        existing[(link.article_id, link.kind, link.person_id or link.organisation_id or link.place_id)] = link
    linked = {article_id for article_id, _kind, _target in existing}
    memory = PeopleMemory()
    current_positions = {(p.person_id, p.article_id, p.title): p
                         for p in Position.objects.filter(article_id__in=article_ids)}
    new_links: list[ArticleEntity] = []
    promoted: list[ArticleEntity] = []
    summaries: dict[int, ExtractionSummary] = {}
    for article, province, contexts, people in plans:
        counts = {LinkState.SUGGESTED: 0, LinkState.CONFIRMED: 0, "rejected": 0}
        found: dict[str, set[int]] = {kind: set() for kind in EntityKind.values}
        targets: list[tuple[str, Any, str]] = [
            (EntityKind.ORGANISATION, organisations[key], context)
            for key, context in contexts[EntityKind.ORGANISATION].items()
        ]
        targets += [(EntityKind.PLACE, places[key], context) for key, context in contexts[EntityKind.PLACE].items()]
        positions: list[Position] = []
        for item, context in people:
            person = _person_for(item, memory)
            if person is None:
                continue
            targets.append((EntityKind.PERSON, person, context))
            for order, position in enumerate(item.positions):
                organisation = None
                unit = administrative_unit(position.organisation or "")
                if unit is not None:  # "Chủ tịch xã Tràng Sơn": the commune is a place, not a body
                    targets.append((EntityKind.PLACE, _place(places, *unit), context))
                elif position.organisation:
                    org_name = qualified_organisation(position.organisation, province=province)
                    if org_name:
                        organisation = organisations.get(Organisation.key_for(org_name)) or _records(
                            Organisation, {Organisation.key_for(org_name): org_name}
                        )[Organisation.key_for(org_name)]
                positions.append(
                    Position(
                        person=person,
                        article=article,
                        title=position.text[:255],
                        organisation=organisation,
                        seen_at=_seen_at(article),
                        order=order,
                    )
                )
        # Known now, so the next article of the batch sees where this person was seen (namesakes).
        _write_positions(positions, current=current_positions, memory=memory)
        for kind, target, context in targets:
            if target.pk in found[kind]:
                continue
            found[kind].add(target.pk)
            link = existing.get((article.pk, kind, target.pk))
            if link is None:
                new_links.append(
                    ArticleEntity(
                        article=article,
                        kind=kind,
                        source=LinkSource.EXTRACTED,
                        state=state,
                        context=context[:2000],
                        **{kind: target},
                    )
                )
                counts[state] += 1
            elif link.state == LinkState.REJECTED:
                counts["rejected"] += 1
            else:
                if auto_confirm and link.state == LinkState.SUGGESTED:
                    link.state = LinkState.CONFIRMED
                    promoted.append(link)
                counts[link.state] += 1
        # Suggestions the text no longer supports go away; confirmed and rejected links are the editors'.
        # An article that had no links (a new one, a bulk import) has none to remove: no query.
        if article.pk in linked:
            stale = ArticleEntity.objects.filter(article=article, source=LinkSource.EXTRACTED,
                                                 state=LinkState.SUGGESTED)
            for kind, ids in found.items():
                stale.filter(kind=kind).exclude(**{f"{kind}__in": ids}).delete()
        summaries[article.pk] = ExtractionSummary(
            suggested=counts[LinkState.SUGGESTED],
            confirmed=counts[LinkState.CONFIRMED],
            skipped_rejected=counts["rejected"],
        )
    memory.flush()
    ArticleEntity.objects.bulk_create(new_links, ignore_conflicts=True)
    if promoted:
        ArticleEntity.objects.bulk_update(promoted, ["state", "updated_at"])
    return summaries


def _write_positions(positions: list[Position], *, current: dict[tuple[int, int, str], Position],
                     memory: PeopleMemory) -> None:
    """New positions to the batch's memory (written together), changed ones at once. ``current``: the
    positions of the batch's articles, by (person, article, title), kept up to date here."""
    if not positions:
        return
    create: list[Position] = []
    update: list[Position] = []
    for position in positions:
        old = current.get((position.person_id, position.article_id, position.title))
        if old is None:
            current[(position.person_id, position.article_id, position.title)] = position
            create.append(position)
        elif position not in create:
            old.organisation = position.organisation
            old.seen_at = position.seen_at
            old.order = position.order
            update.append(old)
    memory.add(create)
    if update:
        memory.flush()
        Position.objects.bulk_update(update, ["organisation", "seen_at", "order"])
        memory.changed({position.person_id for position in update})


def extract_many(
    *, articles: Iterable[Any], auto_confirm: bool = False, batch_size: int = 200,
    extractions: Iterable[Extraction | None] | None = None,
) -> dict[int, ExtractionSummary]:
    """Extract and link the entities of many articles; one transaction per batch. See the module doc.

    With ``extractions`` (one per article, in order, None where the reading failed), the texts were read already
    (by a bulk import's reading process, :mod:`toasoan.importer.pipeline`) and only the links are written.
    """
    summaries: dict[int, ExtractionSummary] = {}
    batch: list[tuple[Any, Extraction]] = []
    pairs = zip(articles, extractions, strict=True) if extractions is not None else _extractions(articles)

    def flush() -> None:
        if not batch:
            return
        try:
            with transaction.atomic():
                summaries.update(_write(batch, auto_confirm=auto_confirm))
        except Exception:
            logger.exception("entity extraction failed for a batch of %s articles", len(batch))
        batch.clear()

    for article, result in pairs:
        if result is None:
            continue
        batch.append((article, result))
        if len(batch) >= batch_size:
            flush()
    flush()
    return summaries


def extract_or_none(text: str) -> Extraction | None:
    """:func:`extract_entities` of ``text``; None (logged) when the reading fails."""
    try:
        return extract_entities(text)
    except Exception:
        logger.exception("entity extraction failed for a text of %s characters", len(text))
        return None


def _extractions(articles: Iterable[Any]) -> Iterator[tuple[Any, Extraction | None]]:
    for article in articles:
        try:
            yield article, extract_entities(article_text(article=article))
        except Exception:
            logger.exception("entity extraction failed for article %s", getattr(article, "pk", None))
            yield article, None


def extract_for_article(*, article: Any, auto_confirm: bool = False) -> ExtractionSummary | None:
    """Extract the entities an article names and link them to it. Never raises: logs and returns None."""
    return extract_many(articles=[article], auto_confirm=auto_confirm).get(getattr(article, "pk", None))


def set_link_state(*, link: ArticleEntity, state: str) -> ArticleEntity:
    """An editor confirms or rejects a suggestion (or changes their mind)."""
    if state not in (LinkState.CONFIRMED, LinkState.REJECTED, LinkState.SUGGESTED):
        raise ValueError(state)
    link.state = state
    link.save(update_fields=["state", "updated_at"])
    return link
