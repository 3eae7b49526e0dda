"""Record keys fold punctuation ("Bà Rịa - Vũng Tàu" and "Bà Rịa – Vũng Tàu" are one key): re-key every record,
and fold organisations and places that now share a key into the oldest one, keeping every link and position
(:func:`toasoan.entities.merging.merge_records`). People keep their records (namesakes share keys); their keys and
their aliases' are re-keyed. The new key is computed from the stored key, so a renamed record keeps its identity."""

from collections import defaultdict

from django.db import migrations

from toasoan.entities.merging import merge_records
from toasoan.entities.models import Person


def _rekey_named(apps, model_name: str) -> None:
    model = apps.get_model("entities", model_name)
    links = apps.get_model("entities", "ArticleEntity")
    positions = apps.get_model("entities", "Position")
    groups: dict[str, list] = defaultdict(list)
    for record in model.objects.order_by("pk"):
        groups[Person.key_for(record.key)].append(record)
    for key, records in groups.items():
        target, *sources = records
        for source in sources:
            merge_records(source=source, target=target, links=links, positions=positions)
        if target.key != key:
            target.key = key
            target.save(update_fields=["key"])


def _rekey_people(apps) -> None:
    people = apps.get_model("entities", "Person")
    aliases = apps.get_model("entities", "PersonAlias")
    for person in people.objects.only("pk", "key").iterator():
        key = Person.key_for(person.key)
        if key != person.key:
            people.objects.filter(pk=person.pk).update(key=key)
    seen: set[tuple[int, str]] = set()
    changed: list[tuple[int, str]] = []
    for alias in aliases.objects.order_by("pk").only("pk", "person_id", "key"):
        key = Person.key_for(alias.key)
        if (alias.person_id, key) in seen:
            alias.delete()  # "Jean-Baptiste" and "Jean Baptiste": one alias now (deleted before any re-keying)
            continue
        seen.add((alias.person_id, key))
        if key != alias.key:
            changed.append((alias.pk, key))
    for pk, key in changed:
        aliases.objects.filter(pk=pk).update(key=key)


def forwards(apps, schema_editor) -> None:
    _rekey_named(apps, "Organisation")
    _rekey_named(apps, "Place")
    _rekey_people(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_person_aliases_namesakes_position_order"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
