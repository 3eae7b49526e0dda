"""Copying every upload out of a storage and back into it: the backup of uploads kept on an object store.

Works through Django's storage interface only (``listdir``, ``open``, ``save``, ``delete``), so the same code reads
a bucket and a folder. Names keep their storage form (``original_images/anh.jpg``), which is also what the database
rows hold: a restore puts each file back under the exact name the rows point at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.core.files import File


def walk(storage, directory: str = "") -> Iterator[str]:
    """Every file name in ``storage`` under ``directory``, sorted, at any depth."""
    folders, files = storage.listdir(directory)
    prefix = f"{directory.rstrip('/')}/" if directory else ""
    for name in sorted(files):
        yield prefix + name
    for folder in sorted(folders):
        yield from walk(storage, prefix + folder)


def download_all(storage, target: Path) -> int:
    """Copy every file of ``storage`` under ``target`` (same relative names); returns how many."""
    count = 0
    for name in walk(storage):
        path = target / safe_name(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(path, "wb") as destination:
            shutil.copyfileobj(source, destination, 1 << 20)
        count += 1
    return count


def put(storage, name: str, handle) -> None:
    """Store ``handle``'s bytes under exactly ``name`` (replacing a file of that name)."""
    name = str(safe_name(name))
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(handle, name=name))
    if saved != name:  # another writer took the name between the two calls: never keep a renamed copy
        storage.delete(saved)
        raise FileExistsError(name)


def safe_name(name: str) -> PurePosixPath:
    """``name`` as a relative path with no ``..``, no absolute start and no empty part; ValueError otherwise."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in {"..", "."} for part in path.parts) or "\\" in name:
        raise ValueError(name)
    return path
