"""Curated fronts: ordered slots with expiry, each article once per front, gaps filled with the newest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from toasoan.home.models import FrontSlot
from toasoan.home.selectors import home_front
from toasoan.news import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(make_article):
    now = timezone.now()
    return [make_article(title=f"Tin số {i} về lũ sông Hồng", published=now - timedelta(hours=i)) for i in range(10)]


def ids(articles):
    return [a.pk for a in articles]


def test_home_front_follows_slots_in_order_and_never_repeats(site_structure, stories):
    home = site_structure.home
    FrontSlot.objects.create(front=home, kind="lead", article=stories[7])
    FrontSlot.objects.create(front=home, kind="featured", article=stories[5], position=2)
    FrontSlot.objects.create(front=home, kind="featured", article=stories[6], position=1)
    FrontSlot.objects.create(front=home, kind="hot", article=stories[8])
    FrontSlot.objects.create(front=home, kind="hot", article=stories[9], position=1)
    front = home_front(home=home)
    assert front.lead.pk == stories[7].pk
    assert ids(front.featured)[:2] == [stories[6].pk, stories[5].pk]
    assert ids(front.featured)[2:] == [stories[0].pk, stories[1].pk]  # gaps filled with the newest
    assert ids(front.hot)[:2] == [stories[8].pk, stories[9].pk]
    shown = [front.lead.pk, *ids(front.featured), *ids(front.hot), *ids(front.latest),
             *[a.pk for block in front.sections for a in block.articles]]
    assert len(shown) == len(set(shown))


def test_expired_or_empty_slots_fall_back_to_newest(site_structure, stories):
    home = site_structure.home
    FrontSlot.objects.create(front=home, kind="lead", article=stories[9],
                             expires_at=timezone.now() - timedelta(minutes=1))
    front = home_front(home=home)
    assert front.lead.pk == stories[0].pk
    assert ids(front.featured) == ids(stories[1:5])


def test_embargoed_or_offline_article_in_a_slot_is_not_shown(site_structure, stories):
    home = site_structure.home
    FrontSlot.objects.create(front=home, kind="lead", article=stories[3])
    stories[3].unpublish()
    assert home_front(home=home).lead.pk == stories[0].pk


def test_one_article_once_per_front_is_a_constraint(site_structure, stories):
    home = site_structure.home
    FrontSlot.objects.create(front=home, kind="lead", article=stories[1])
    with pytest.raises(IntegrityError), transaction.atomic():
        FrontSlot.objects.create(front=home, kind="hot", article=stories[1])


def test_section_front_has_its_own_slots(section, stories):
    FrontSlot.objects.create(front=section, kind="lead", article=stories[4])
    front = selectors.section_front(section=section)
    assert front.lead.pk == stories[4].pk
    assert stories[4].pk not in ids(front.featured) + ids(front.latest)
    assert ids(front.featured) == ids(stories[:4])


def test_section_page_shows_its_curated_lead_first_and_lists_it_once(client, section, stories):
    FrontSlot.objects.create(front=section, kind="lead", article=stories[6])
    html = client.get(section.url).content.decode()
    lead = html.index('class="listing__lead"')
    assert html.index(stories[6].title, lead) < html.index(stories[0].title)
    assert html.count(f'href="{stories[6].url}"') == html[lead:].count(f'href="{stories[6].url}"')
    assert html[html.index('id="danh-sach"'):].count(stories[6].title) == 0
