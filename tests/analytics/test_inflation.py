"""One client cannot inflate a story's views (issue 20, point 6): 1,000 beacons from one client count once,
whatever the client varies (token, forwarded address); many real readers still count, one each."""

from __future__ import annotations

import secrets
import time

import pytest
from django.test import Client

from tests.analytics.conftest import settle
from tests.analytics.test_beacon import BROWSER, beacon_of, send
from tests.analytics.test_spool import q, write_lines
from toasoan.analytics import spool, tokens
from toasoan.analytics.counters import Outcome

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_spool")]


def test_a_thousand_beacons_from_one_client_count_once(counter_mode, make_article, total_views):
    article = make_article()
    other = make_article(title="Bài khác cùng chuyên mục")
    client = Client()
    genuine = beacon_of(article)
    statuses = []
    for n in range(1000):
        if n % 4 == 0:
            body = genuine                                          # the page's own beacon, replayed
        elif n % 4 == 1:
            body = f"a={article.pk}&c={secrets.token_urlsafe(12)}"  # a token of its own making
        elif n % 4 == 2:
            body = f"a={article.pk}&c={tokens.issue(article_id=other.pk)}"  # the token of another article
        else:
            body = f"a={article.pk}"                                # no token at all
        # A forwarded address from a client that is not the front is not believed.
        statuses.append(send(client, body, ip="203.0.113.77").status_code if n % 2 else
                        client.post("/_v", data=body, content_type="application/x-www-form-urlencoded",
                                    HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.77",
                                    HTTP_X_REAL_IP=f"198.51.100.{n % 250}",
                                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n % 250}").status_code)
    settle()
    assert total_views(article.pk) == 1
    assert total_views() == 1
    assert statuses.count(204) == 1
    assert set(statuses) <= {204, 202, 429}


def test_changing_the_user_agent_does_not_inflate_past_the_address_allowance(counter_mode, make_article,
                                                                              total_views, settings):
    settings.TOASOAN_BEACON_READERS_PER_ADDRESS = 20
    article = make_article()
    client = Client()
    body = beacon_of(article)
    for n in range(1000):
        send(client, body, ua=f"{BROWSER} build/{n}", ip="203.0.113.78")
    settle()
    assert total_views(article.pk) == 20  # at most the readers one address may have in the window


def test_distinct_real_readers_each_count(counter_mode, make_article, total_views):
    article = make_article()
    client = Client()
    readers = [(f"198.51.100.{n}", BROWSER) for n in range(1, 61)]  # sixty homes
    readers += [("203.0.113.90", f"{BROWSER} office/{n}") for n in range(5)]  # five colleagues behind one address
    for ip, ua in readers:
        assert send(client, beacon_of(article), ip=ip, ua=ua).status_code == 204
    for ip, ua in readers:  # each reloads the page: no second count
        assert send(client, beacon_of(article), ip=ip, ua=ua).status_code == 202
    settle()
    assert total_views(article.pk) == 65


def test_an_expired_or_future_token_is_not_counted(counter_mode, make_article, total_views, settings):
    settings.TOASOAN_BEACON_TOKEN_HOURS = 48
    article = make_article()
    now = time.time()
    client = Client()
    stale = tokens.issue(article_id=article.pk, now=now - 49 * 3600)
    future = tokens.issue(article_id=article.pk, now=now + 3 * 3600)
    recent = tokens.issue(article_id=article.pk, now=now - 47 * 3600)
    assert send(client, f"a={article.pk}&c={stale}", ip="198.51.100.201").status_code == 202
    assert send(client, f"a={article.pk}&c={future}", ip="198.51.100.202").status_code == 202
    assert send(client, f"a={article.pk}&c={recent}", ip="198.51.100.203").status_code == 204
    tampered = recent[:-1] + ("A" if recent[-1] != "A" else "B")
    assert send(client, f"a={article.pk}&c={tampered}", ip="198.51.100.204").status_code == 202
    settle()
    assert total_views(article.pk) == 1


def test_a_thousand_spooled_beacons_from_one_client_count_once(counter_mode, make_article, total_views, tmp_path):
    """The nginx path: the spool reader applies the same rules to what nginx acknowledged."""
    article = make_article()
    folder = tmp_path / "beacons"
    folder.mkdir()
    lines = [(q(article) if n % 2 else q(article, token=secrets.token_urlsafe(10)), BROWSER, "203.0.113.79")
             for n in range(1000)]
    write_lines(folder, *lines)
    outcomes = spool.process(folder)
    assert outcomes[Outcome.COUNTED] == 1
    assert total_views(article.pk) == 1
