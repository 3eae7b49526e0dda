"""The search index: one row per visible article, plus backend-specific full-text structures.

The row keeps what a result needs without touching the page tree (title, sapo, time, section, format). The
full-text part lives beside it and is created by the migration for the database in use:

* PostgreSQL: ``document`` (folded title A, sapo B, body D), ``title_doc`` (folded title) and ``exact``
  (tone-last keys of title and sapo) tsvector columns with GIN indexes, built with the ``toasoan_vi``
  text-search configuration (``simple`` plus ``unaccent``);
* SQLite: the FTS5 tables ``toasoan_search_fts`` (folded and exact keys of title, sapo and body),
  ``toasoan_search_fts_title`` and ``toasoan_search_fts_head``, whose rowid is a time key (minute of publication
  above the article id, ``backends.time_key``) so that FTS5 walks matches newest first.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    article = models.OneToOneField(
        "news.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="search_entry",
        db_constraint=False,
    )
    published_at = models.DateTimeField(db_index=True)
    section_id = models.BigIntegerField(null=True, db_index=True)
    format = models.CharField(max_length=20)
    title = models.TextField()
    sapo = models.TextField(blank=True)
    # Folded and exact keys of title and sapo, space-separated: ranking reads them without re-tokenising.
    title_f = models.TextField(blank=True)
    sapo_f = models.TextField(blank=True)
    title_x = models.TextField(blank=True)
    sapo_x = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """Folded syllables seen in the archive with how many articles use them (typo correction, cost estimates)."""

    term = models.CharField(max_length=64, primary_key=True)
    df = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("âm tiết")
        verbose_name_plural = _("âm tiết")

    def __str__(self) -> str:
        return f"{self.term} ({self.df})"
