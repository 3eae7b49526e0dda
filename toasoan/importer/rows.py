"""Rows a bulk import writes without Django's per-object path: multi-table inserts, revision pointers, a page's
children set in memory (see :mod:`toasoan.importer.bulk`)."""

from __future__ import annotations

from django.db import connection

from toasoan.news.models import ArticlePage


def set_relations_in_memory(article: ArticlePage, *, authors: list, tags: list) -> None:
    """Give the unsaved cluster its children, so its revision's content is made without a query per relation."""
    from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations

    for relation in get_all_child_relations(ArticlePage):
        name = relation.get_accessor_name()
        getattr(article, name).set({"article_authors": authors, "tagged_items": tags}.get(name, []))
    for m2m in get_all_child_m2m_relations(ArticlePage):
        getattr(article, m2m.name).set([])


def point_to_revisions(pages: list) -> None:
    """Set the new pages' latest and live revision in one statement (SQLite: one per chunk of rows), not with
    Django's ``bulk_update``, whose ``CASE`` over every id for each column costs both sides a query's worth of
    work per page."""
    import sqlite3

    from wagtail.models import Page

    table = connection.ops.quote_name(Page._meta.db_table)
    rows = [(page.pk, page.latest_revision_id, page.live_revision_id) for page in pages]
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids, latest, live = (list(column) for column in zip(*rows, strict=True))
            cursor.execute(
                f"UPDATE {table} AS page SET latest_revision_id = v.latest, live_revision_id = v.live "  # noqa: S608
                "FROM unnest(%s::integer[], %s::integer[], %s::integer[]) AS v(id, latest, live) WHERE page.id = v.id",
                [ids, latest, live])
        elif connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33):
            size = max(1, connection.features.max_query_params // 3)
            for start in range(0, len(rows), size):
                chunk = rows[start:start + size]
                values = ",".join(["(%s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"UPDATE {table} SET latest_revision_id = v.column2, live_revision_id = v.column3 "  # noqa: S608
                    f"FROM (VALUES {values}) AS v WHERE {table}.id = v.column1",
                    [value for row in chunk for value in row])
        else:
            Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=200)


def insert_rows(model, objects: list) -> None:
    """Insert the rows of ``model``'s own table (its parent's rows exist): Django's bulk_create refuses
    multi-table models, so this is the same multi-row INSERT it makes, one per chunk the database allows."""
    fields = list(model._meta.local_concrete_fields)
    size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start:start + size], fields=fields, using=connection.alias)
