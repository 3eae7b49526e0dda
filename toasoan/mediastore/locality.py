"""Whether a storage keeps files on this machine's disk (``FileSystemStorage``) or elsewhere (an object store)."""

from __future__ import annotations


def is_local(storage) -> bool:
    """True when ``storage`` has paths on this machine; an object store has none (``.path`` is not implemented)."""
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True
