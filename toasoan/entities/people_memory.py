"""What telling people apart reads from the database, kept for one batch of articles.

:func:`toasoan.entities.services.find_person` asks, for every person an article names, which records
carry the name (by key or alias) and where each was last seen (the titles and organisations of their 50
newest positions). In a batch of hundreds of articles the same officials come back again and again; this
memory answers those questions once per batch and keeps the answers true as the batch writes:

* records by key are read once and forgotten whenever a person or an alias is created;
* a record's newest positions are read once; the positions the batch adds are merged in the order the
  database gives (newest ``seen_at`` first, then the newest row), so the 50 kept are the 50 the database
  would return; positions the batch changes make it read them again;
* new positions are written together (one multi-row insert) before any read that could need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from toasoan.entities.models import Person, PersonAlias, Position

SEEN_LIMIT = 50  # positions per record that tell namesakes apart (find_person)


class PeopleMemory:
    def __init__(self) -> None:
        self._candidates: dict[str, list[Person]] = {}
        # person pk -> [(sort key, title)] and [(sort key, organisation key)], newest first, at most SEEN_LIMIT
        self._titles: dict[int, list[tuple[tuple, str]]] = {}
        self._organisations: dict[int, list[tuple[tuple, str]]] = {}
        self._pending: list[Position] = []
        self._added = 0
        self._aliases: set[tuple[int, str]] = set()

    # --- records by name --------------------------------------------------------------------------
    def candidates(self, key: str) -> list[Person]:
        """Records with this key or alias (or, for one word, the one record whose name it ends or starts)."""
        if key not in self._candidates:
            self._candidates[key] = _candidates_from_db(key)
        return self._candidates[key]

    def person_created(self) -> None:
        self._candidates.clear()

    def ensure_alias(self, *, person: Person, key: str, name: str) -> None:
        if (person.pk, key) in self._aliases:
            return
        _alias, created = PersonAlias.objects.get_or_create(person=person, key=key, defaults={"name": name[:255]})
        self._aliases.add((person.pk, key))
        if created:
            self.person_created()

    # --- where a record was seen ------------------------------------------------------------------
    def titles(self, person: Person) -> list[str]:
        self._load(person.pk)
        return [title for _order, title in self._titles[person.pk]]

    def organisation_keys(self, person: Person) -> set[str]:
        self._load(person.pk)
        return {key for _order, key in self._organisations[person.pk]}

    def _load(self, person_id: int) -> None:
        if person_id in self._titles:
            return
        self.flush()  # what the batch added is in the database before it is read
        rows = Position.objects.filter(person_id=person_id)
        self._titles[person_id] = [((seen, 0, pk), title)
                                   for seen, pk, title in rows.values_list("seen_at", "pk", "title")[:SEEN_LIMIT]]
        self._organisations[person_id] = [
            ((seen, 0, pk), key) for seen, pk, key in
            rows.exclude(organisation=None).values_list("seen_at", "pk", "organisation__key")[:SEEN_LIMIT]
        ]

    # --- writing ----------------------------------------------------------------------------------
    def add(self, positions: Iterable[Position]) -> None:
        """New positions (rows the database does not have): written at the next :meth:`flush`."""
        for position in positions:
            self._pending.append(position)
            self._added += 1
            order = (position.seen_at, 1, self._added)  # a new row comes after every existing one (a higher pk)
            if position.person_id in self._titles:
                _insert(self._titles[position.person_id], order, position.title)
                if position.organisation is not None:
                    _insert(self._organisations[position.person_id], order, position.organisation.key)

    def changed(self, person_ids: Iterable[int]) -> None:
        """Positions of these records were changed in the database: read them again when asked."""
        for person_id in person_ids:
            self._titles.pop(person_id, None)
            self._organisations.pop(person_id, None)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            Position.objects.bulk_create(pending, ignore_conflicts=True)


def _insert(rows: list[tuple[tuple, str]], order: tuple, value: str) -> None:
    rows.append((order, value))
    rows.sort(key=lambda row: row[0], reverse=True)
    del rows[SEEN_LIMIT:]


def _candidates_from_db(key: str) -> list[Any]:
    candidates = list(Person.objects.filter(key=key))
    alias_ids = PersonAlias.objects.filter(key=key).values_list("person_id", flat=True)
    candidates += [p for p in Person.objects.filter(pk__in=list(alias_ids)) if p not in candidates]
    if not candidates and len(key.split()) == 1:
        ending = list(Person.objects.filter(key__endswith=f" {key}")[:2])
        if not ending:  # "Mahathir", "Joko": a given name written first
            ending = list(Person.objects.filter(key__startswith=f"{key} ")[:2])
        candidates = ending if len(ending) == 1 else []
    return candidates
