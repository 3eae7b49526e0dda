"""The seed imported with --confirm-entities shows exactly its four people, linked, on the article page."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import SEED_DIR, requires_seed
from toasoan.news.models import ArticlePage

pytestmark = [pytest.mark.django_db, requires_seed]


def test_seed_people_are_confirmed_and_linked(client, site_structure):
    seed = next(iter(sorted(SEED_DIR.glob("*.txt"))))
    expected = json.loads(seed.with_suffix(".expected.json").read_text(encoding="utf-8"))
    call_command("import_text", str(seed), publish=True, confirm_entities=True, stdout=StringIO())
    article = ArticlePage.objects.get()
    html = client.get(article.url).content.decode()
    for person in expected["people"]:
        assert person["name"] in html
    assert html.count('href="/nhan-vat/') >= len(expected["people"])
    assert "Mai Hương" not in html.split('href="/nhan-vat/', 1)[1].split("</", 1)[0]


def test_without_the_flag_people_are_only_suggested(client, site_structure):
    seed = next(iter(sorted(SEED_DIR.glob("*.txt"))))
    call_command("import_text", str(seed), publish=True, stdout=StringIO())
    html = client.get(ArticlePage.objects.get().url).content.decode()
    assert 'href="/nhan-vat/' not in html
