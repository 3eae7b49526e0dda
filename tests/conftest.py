"""Shared fixtures: a fresh site skeleton, sections and articles built through the real services."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT.parent / "shared" / "seed"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_structure(db):
    from toasoan.home.services import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def section(site_structure):
    from toasoan.home.services import ensure_section

    return ensure_section(title="Thời sự", slug="thoi-su")


@pytest.fixture
def make_article(section):
    """Create and publish an article: ``make_article(title=..., published=datetime, parent=section, **fields)``."""
    from toasoan.news.models import ArticlePage

    def make(*, title: str = "Tỉnh khánh thành cầu mới qua sông Lam", parent=None, published: datetime | None = None,
             live: bool = True, **fields) -> ArticlePage:
        fields.setdefault("sapo", "Sáng nay, cây cầu dài nhất tỉnh chính thức thông xe.")
        article = (parent or section).add_child(instance=ArticlePage(title=title, live=False, **fields))
        if published is not None:
            article.first_published_at = published
        if live:
            article.save_revision().publish()
        article.refresh_from_db()
        return article

    return make


def seed_available() -> bool:
    return SEED_DIR.is_dir() and any(SEED_DIR.glob("*.txt"))


requires_seed = pytest.mark.skipif(
    not seed_available(), reason=f"../shared/seed is absent ({SEED_DIR}): the seed acceptance test needs it"
)
