"""Signals that let apps react to each other without importing each other (dependencies point one way)."""

from django.dispatch import Signal

# Sent (after the transaction commits) when what readers receive at a live page's URL changed by a means other
# than a Wagtail publish, which sends Wagtail's own ``page_published``: a live-coverage update posted, edited or
# deleted, a correction notice attached, a takedown or its reversal.
# Keyword arguments: ``page`` (the specific page), ``reason`` (a short machine-readable string such as
# "live_update" or "correction"), ``user`` (the person who caused it, or None for the system).
reader_page_changed = Signal()

# Sent by the newsroom's scheduler for each curated front slot whose expiry time has passed since its last pass
# (a slot expires by the clock, not by a save, so nothing else would tell the page cache).
# Keyword arguments: ``slot`` (the ``home.FrontSlot``).
front_slot_expired = Signal()

# Sent by the newsroom's scheduler at the end of each pass (every few seconds), for periodic work of other apps
# (e.g. the comments' purge of expired personal data, which keeps its own pace). Keyword arguments: ``now``.
scheduler_pass = Signal()
