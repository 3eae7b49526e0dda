from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import VN


def paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{t}</p>") for t in texts]


@pytest.fixture
def article(make_article):
    """``article(title, sapo, body=[...], published=datetime)``: a published article, indexed by the task."""

    def make(title: str, sapo: str = "Tin trong ngày.", *, body: tuple[str, ...] = (),
             published: datetime | None = None, **fields):
        return make_article(title=title, sapo=sapo, body=paragraphs(*body),
                            published=published or datetime(2024, 1, 1, 8, tzinfo=VN), **fields)

    return make
