"""Reader requests skip the per-request connection health check; editors' requests keep it."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection, connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_checks(monkeypatch):
    """Health checks on, as in production, with every check counted."""
    import traceback

    checks: list[str] = []
    wrapper = connections["default"]
    wrapper.ensure_connection()
    real = wrapper.is_usable

    def counted():
        checks.append("".join(traceback.format_stack(limit=12)))
        return real()

    monkeypatch.setattr(wrapper, "is_usable", counted)
    monkeypatch.setattr(wrapper, "health_check_enabled", True)
    monkeypatch.setattr(wrapper, "health_check_done", False)
    return checks


def test_a_reader_request_runs_no_health_check(client, make_article, health_checks):
    article = make_article(title="Phà Bến Thủy tạm dừng vì nước sông lên cao")
    health_checks.clear()
    connection.health_check_done = False  # as at the start of every request
    response = client.get(article.canonical_path())
    assert response.status_code == 200
    assert health_checks == [], health_checks[0]


@pytest.mark.parametrize("request_kind", ["post", "admin", "signed_in"])
def test_editors_and_form_posts_keep_the_health_check(client, django_user_model, health_checks, request_kind,
                                                      site_structure):
    connection.health_check_done = False  # as at the start of every request
    if request_kind == "post":
        client.post("/tim-kiem/", {"q": "lũ"})
    elif request_kind == "admin":
        client.get("/admin/login/")
    else:
        user = django_user_model.objects.create_user("phongvien", password="mat-khau-dai-1234")
        client.force_login(user)
        connection.health_check_done = False
        client.get("/")
    assert health_checks, f"{request_kind}: the connection was not checked"


def test_the_article_query_is_asked_again_on_a_new_connection(client, make_article, monkeypatch):
    from toasoan.news import views

    article = make_article(title="Cầu phao tạm được lắp lại sau lũ")
    real_cursor = views.reader_cursor
    calls, closed = [], []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_cursor(*args, **kwargs)

    wrapper = connections["default"]
    monkeypatch.setattr(views, "reader_cursor", failing_once)
    monkeypatch.setattr(wrapper, "in_atomic_block", False)  # as in a real request (tests run in one)
    monkeypatch.setattr(wrapper, "close", lambda: closed.append(1))
    response = client.get(article.canonical_path())
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert len(calls) == 2
    assert closed == [1]


def test_inside_a_transaction_the_error_is_not_hidden(rf, make_article, monkeypatch):
    from toasoan.news import views
    from toasoan.news.views import live_article

    article = make_article(title="Đường lên bản bị sạt lở")

    def failing(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "reader_cursor", failing)
    assert connection.in_atomic_block
    with pytest.raises(OperationalError):
        live_article(pk=article.pk, root_path="")
