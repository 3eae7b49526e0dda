"""The audit trail's tests: the newsroom's roles, and reading the one log (pages and every other object)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.newsroom.conftest import at_step, draft, newsroom  # noqa: F401 - the newsroom's roles and workflow


def all_entries(**filters) -> list:
    """Every log entry (page entries and the others) matching ``filters``, oldest first."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    found = [*ModelLogEntry.objects.filter(**filters), *PageLogEntry.objects.filter(**filters)]
    return sorted(found, key=lambda entry: (entry.timestamp, entry.pk))


def origin(entry) -> dict:
    return entry.data.get("origin", {})


def download(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    raw = download(response)
    assert raw.startswith("\ufeff".encode()), "CSV for Excel starts with the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture
def chief_client(client, newsroom):  # noqa: F811
    client.force_login(newsroom.user("eic"))
    return client
