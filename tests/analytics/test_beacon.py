"""The beacon: what is counted, what is refused, and that acknowledged counts reach the database."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from tests.analytics.conftest import settle
from toasoan.analytics import counters, tokens
from toasoan.analytics.models import ArticleViewHour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_spool")]
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def beacon_of(article) -> str:
    """What an article page's script sends: the article and the token issued with the page."""
    return f"a={article.pk}&c={tokens.issue(article_id=article.pk)}"


def send(client: Client, body: str, *, ua: str = BROWSER, ip: str = "203.0.113.7"):
    return client.post("/_v", data=body, content_type="application/x-www-form-urlencoded",
                       HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)


def send_wsgi(body: str, *, ua: str = BROWSER) -> int:
    """Through the production entry point (no Django middleware), as nginx reaches it."""
    from toasoan.analytics.wsgi import application

    raw = body.encode()
    statuses = []
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/_v", "CONTENT_LENGTH": str(len(raw)),
               "wsgi.input": io.BytesIO(raw), "HTTP_USER_AGENT": ua, "REMOTE_ADDR": "127.0.0.1",
               "HTTP_X_REAL_IP": "203.0.113.8"}
    application(environ, lambda status, headers: statuses.append(status))
    return int(statuses[0].split()[0])


def test_a_view_is_counted_once_per_client_and_article(counter_mode, make_article, total_views):
    article = make_article()
    client = Client()
    assert send(client, beacon_of(article)).status_code == 204
    assert send(client, beacon_of(article)).status_code == 202  # repeat within the window
    assert send(client, beacon_of(article), ua=OTHER_BROWSER).status_code == 204  # another browser, same address
    assert send(client, beacon_of(article), ip="198.51.100.9").status_code == 204
    settle()
    assert total_views(article.pk) == 3
    row = ArticleViewHour.objects.get(article=article)
    assert row.section_id == article.section_id
    assert row.hour.minute == 0 and row.hour.second == 0


def test_the_page_script_form_in_the_query_string_is_counted(counter_mode, make_article, total_views):
    """The article page's script (static/toasoan/js/beacon.js) sends ``navigator.sendBeacon("/_v?a=<id>&c=<token>")``
    with the token written in the page: an empty POST."""
    import re

    article = make_article()
    client = Client()
    page = client.get(article.canonical_path()).content.decode()
    tag = re.search(r'<script src="[^"]*/beacon\.js" defer data-article="(\d+)" data-token="([^"]+)"', page)
    assert tag is not None and tag.group(1) == str(article.pk)
    url = f"/_v?a={article.pk}&c={tag.group(2)}"
    beacon = {"data": "", "content_type": "text/plain", "HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.60"}
    assert client.post(url, **beacon).status_code == 204
    assert client.post(url, **beacon).status_code == 202
    assert client.post("/_v?a=abc", **beacon).status_code == 400
    settle()
    assert total_views(article.pk) == 1


@pytest.mark.parametrize("ua", ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0",
                                "facebookexternalhit/1.1", "python-requests/2.32"])
def test_robots_are_not_counted(counter_mode, make_article, total_views, ua):
    article = make_article()
    assert send(Client(), f"a={article.pk}", ua=ua).status_code == 202
    settle()
    assert total_views() == 0


def test_prefetch_is_not_counted(counter_mode, make_article, total_views):
    article = make_article()
    response = Client().post("/_v", data=f"a={article.pk}", content_type="application/x-www-form-urlencoded",
                             HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    assert response.status_code == 202
    settle()
    assert total_views() == 0


@pytest.mark.parametrize("body", ["", "a=", "a=abc", "a=12x", "a=1&a=2", "b=5", "a=-3", "a=0",
                                  "a=5&c=khong hop le", "a=" + "9" * 40, "x" * 300, "a=%ff%fe"])
def test_malformed_beacons_are_refused_without_writing(counter_mode, make_article, total_views, body,
                                                       django_assert_max_num_queries, app_spool):
    make_article()
    with django_assert_max_num_queries(0):
        assert send_wsgi(body) == 400
    assert send(Client(), body).status_code == 400
    assert total_views() == 0 and counters.pending_views() == 0
    assert app_spool is None or not app_spool.exists()  # no line in the app's spool either


def test_unknown_and_unpublished_articles_are_refused(counter_mode, make_article, total_views,
                                                      django_assert_max_num_queries, app_spool):
    draft = make_article(title="Bản nháp chưa duyệt", live=False)
    with django_assert_max_num_queries(1):  # one indexed read, no write
        assert send_wsgi("a=987654321") == 404
    assert send_wsgi(f"a={draft.pk}") == 404
    assert send_wsgi(f"a={draft.get_parent().pk}") == 404  # a section is not an article
    with django_assert_max_num_queries(0):  # the answer is remembered for a minute
        assert send_wsgi("a=987654321") == 404
    assert send(Client(), f"a={draft.pk}").status_code == 404
    assert app_spool is None or not app_spool.exists()
    settle()
    assert total_views() == 0 and not ArticleViewHour.objects.exists()


def test_a_flood_from_one_client_is_refused(counter_mode, make_article, total_views, settings):
    settings.TOASOAN_BEACON_RATE_PER_MINUTE = 5
    articles = [make_article(title=f"Tin nhanh số {i}") for i in range(7)]
    client = Client()
    statuses = [send(client, beacon_of(a)).status_code for a in articles]
    assert statuses == [204] * 5 + [429] * 2
    assert send(client, beacon_of(articles[0]), ua=OTHER_BROWSER).status_code == 204  # other readers are unaffected
    settle()
    assert total_views() == 6


def test_only_post_is_accepted(counter_mode, make_article):
    article = make_article()
    response = Client().get(f"/_v?a={article.pk}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 405
    assert response["Cache-Control"] == "no-store"


def test_the_production_wsgi_entry_answers_beacons_before_django(counter_mode, make_article, total_views):
    from toasoan.analytics.wsgi import application

    article = make_article()
    body = beacon_of(article).encode()
    statuses = []
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/_v", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "127.0.0.1",
               "HTTP_X_REAL_IP": "203.0.113.50"}
    assert application(environ, lambda status, headers: statuses.append((status, headers))) == [b""]
    assert statuses[0][0] == "204 No Content"
    assert ("Cache-Control", "no-store") in statuses[0][1]
    settle()
    assert total_views(article.pk) == 1


def test_a_spool_that_cannot_be_written_sends_the_view_to_the_database(counter_mode, make_article, total_views,
                                                                       settings, tmp_path, caplog):
    """A full disk or a folder the app may not write: the view is committed to the database before the 204."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.TOASOAN_BEACON_SPOOL_DIR = str(blocker / "beacons")
    article = make_article()
    assert send(Client(), beacon_of(article)).status_code == 204
    assert total_views(article.pk) == 1
    assert "Không ghi được lượt đọc vào tệp đệm" in caplog.text
    assert send(Client(), beacon_of(article)).status_code == 202  # the rules still hold
