"""The synthetic archive is reproducible: same seed, same articles; the classic shape never drifts."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from toasoan.synth import vocab
from toasoan.synth.generator import (
    CLASSIC,
    MILLION,
    author_names,
    event_titles,
    generate,
    make_article,
    newsmaker_names,
)

# sha256 of the first 300 classic articles of seed 2024: bench/data/search/queries.jsonl was made from them.
CLASSIC_2024_FINGERPRINT = "979807a911a211aaa4102ecb3347f00830826bb19f44e0913bb95d4b0625ac4a"


def _fingerprint(articles) -> str:
    digest = hashlib.sha256()
    for a in articles:
        fields = [a.index, a.title, a.sapo, a.paragraphs, a.section, a.format, a.published_at.isoformat(), a.people,
                  a.author, a.event]
        digest.update(json.dumps(fields, ensure_ascii=False).encode())
    return digest.hexdigest()


def test_classic_output_is_unchanged_for_the_search_evaluation():
    first = [a for a in generate(seed=2024, count=2000) if a.index < 300]
    assert _fingerprint(first) == CLASSIC_2024_FINGERPRINT


def test_same_seed_same_article_other_seed_other_article():
    one = make_article(seed=7, index=123, count=10_000, shape=MILLION)
    again = make_article(seed=7, index=123, count=10_000, shape=MILLION)
    other = make_article(seed=8, index=123, count=10_000, shape=MILLION)
    assert one == again
    assert one.title != other.title or one.paragraphs != other.paragraphs


def test_larger_author_pool_keeps_the_first_sixty_bylines():
    assert author_names(2024, 1000)[:60] == author_names(2024)
    assert len(set(author_names(2024, 1000))) == 1000


def test_million_shape_pools_have_the_promised_sizes():
    assert MILLION.section_count == 50
    assert MILLION.people == 20_000
    titles = event_titles(2024, MILLION.events)
    assert len({t for t, _ in titles}) == 2000
    names = newsmaker_names(2024, MILLION.persons)
    assert len(names) == 19_000
    assert CLASSIC.section_count == 10


def test_million_articles_use_sub_sections_events_of_their_year_and_known_people():
    articles = list(generate(seed=3, count=3000, shape=MILLION))
    people = set(newsmaker_names(3, MILLION.persons))
    years = dict(event_titles(3, MILLION.events))
    placed = Counter(a.section for a in articles if a.subsection)
    assert "thoi-su" not in placed and "quoc-te" not in placed
    for article in articles:
        if article.subsection:
            assert article.subsection in {slug for slug, _ in vocab.SUBSECTIONS[article.section]}
        if article.event:
            assert years[article.event] == article.published_at.year
        assert set(article.people) <= people
        assert len(article.people) == len(set(article.people))
    share = sum(1 for a in articles if a.subsection) / sum(1 for a in articles if a.section in vocab.SUBSECTIONS)
    assert 0.5 < share < 0.7
    assert 0.1 < sum(1 for a in articles if a.event) / len(articles) < 0.2


def test_a_smaller_million_shape_archive_has_proportionally_fewer_events():
    assert MILLION.for_count(1_000_000) is MILLION
    assert MILLION.for_count(100_000).events == 200
    assert MILLION.for_count(1_000).events == 2
    assert MILLION.for_count(100).events == 1  # at least one
    assert CLASSIC.for_count(1_000) is CLASSIC
    small = MILLION.for_count(1_000)
    articles = list(generate(seed=4, count=1_000, shape=small))
    per_event = Counter(a.event for a in articles if a.event)
    assert set(per_event) == {title for title, _ in event_titles(4, small.events)}
    # Every year's articles still join events (the nearest year's), at the million's share and about its
    # ~75 articles an event: the biggest event fills a page and a "Xem thêm" (20 a page), as at a million.
    assert 0.1 < sum(per_event.values()) / len(articles) < 0.2
    assert min(per_event.values()) >= 41


def test_the_million_archive_joins_each_article_to_an_event_of_its_own_year():
    shape = MILLION.for_count(1_000_000)
    years = dict(event_titles(4, shape.events))
    joined = [a for a in generate(seed=4, count=3_000, shape=shape) if a.event]
    assert joined and all(years[a.event] == a.published_at.year for a in joined)
