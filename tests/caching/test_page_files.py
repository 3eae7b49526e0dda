"""Page files: readers get a fresh page as a plain file from the front; nobody else ever does."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request

import pytest

from tests.caching.nginx_front import running_front
from tests.conftest import ensure_tree_root
from toasoan.caching import page_files
from toasoan.caching.refresh import refresh_one
from toasoan.headers import policy
from toasoan.settings import base as base_settings
from toasoan.settings import media_storage


def test_addresses_map_to_files_under_their_host(tmp_path):
    assert page_files.path_for(host="Bao.example:8080", path="/", root=tmp_path) == tmp_path / "bao.example/index.html"
    assert page_files.path_for(host="bao.example", path="/thoi-su/", root=tmp_path) == (
        tmp_path / "bao.example/thoi-su/index.html")
    assert page_files.path_for(host="bao.example", path="/lu-quet-23.html", root=tmp_path) == (
        tmp_path / "bao.example/lu-quet-23.html")
    assert page_files.path_for(host="[::1]:8080", path="/a-1.html", root=tmp_path) == tmp_path / "[::1]/a-1.html"
    for host, path in [("bao.example", "/../etc/passwd"), ("bao.example", "/a/../b.html"), ("..", "/a.html"),
                       ("bao.example", "/.an/a.html"), ("bao.example", "/rss/feed.xml"), ("bao/x", "/a.html"),
                       ("bao.example", "/đường.html"), ("bao.example", "/tim-kiem")]:
        assert page_files.path_for(host=host, path=path, root=tmp_path) is None, (host, path)


def test_a_page_file_is_replaced_whole_and_old_ones_expire(tmp_path, settings):
    settings.TOASOAN_PAGE_FILES_DIR = str(tmp_path)
    assert page_files.write(host="bao.example", path="/a-1.html", body=b"<p>1</p>")
    assert page_files.write(host="bao.example", path="/a-1.html", body=b"<p>2</p>")
    target = tmp_path / "bao.example" / "a-1.html"
    assert target.read_bytes() == b"<p>2</p>"
    assert [p.name for p in target.parent.iterdir()] == ["a-1.html"]  # no temporary file left behind
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert page_files.write(host="bao.example", path="/b-2.html", body=b"<p>b</p>")
    old = time.time() - 120
    os.utime(target, (old, old))
    assert page_files.expire(root=tmp_path, seconds=60) == 1
    assert not target.exists() and (tmp_path / "bao.example" / "b-2.html").exists()


def test_files_readers_asked_for_are_renewed_before_they_expire_and_unread_ones_go(tmp_path):
    """The janitor's round: a file read since it was written (access time after modification time) and within
    ``ahead`` of its expiry is refreshed once; an unread one is left to expire; a failed refresh leaves the file to
    expire; an expired file is removed whatever happened."""
    now = time.time()
    files = {name: tmp_path / "bao.example" / name for name in ("doc-1.html", "chua-doc-2.html", "loi-3.html")}
    files["front"] = tmp_path / "bao.example" / "thoi-su" / "index.html"
    files["old"] = tmp_path / "bao.example" / "cu-4.html"
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<p>trang</p>")
    nearly = now - 57  # 3 s before a 60-s lifetime
    for key in ("doc-1.html", "front", "loi-3.html"):
        os.utime(files[key], (nearly + 1, nearly))  # read after it was written
    os.utime(files["chua-doc-2.html"], (nearly, nearly))  # written, never read
    os.utime(files["old"], (now - 61, now - 62))
    asked = []

    def refresh(host: str, path: str) -> bool:
        asked.append((host, path))
        return path != "/loi-3.html"

    janitor = page_files.Janitor(root=tmp_path, seconds=60, ahead=5, refresh=refresh)
    done = janitor.run(now=now)
    assert sorted(asked) == [("bao.example", "/doc-1.html"), ("bao.example", "/loi-3.html"),
                             ("bao.example", "/thoi-su/")]
    assert done == page_files.Round(refreshed=2, removed=1) and not files["old"].exists()
    asked.clear()
    assert janitor.run(now=now + 1) == page_files.Round(refreshed=0, removed=0) and asked == []  # once per write
    assert janitor.run(now=now + 4).removed == 4  # nothing rewrote them here: all expire
    assert page_files.Janitor(root=tmp_path, seconds=60).run(now=now) == page_files.Round(0, 0)


def test_a_file_maps_back_to_its_address_and_other_files_to_none(tmp_path):
    for host, path in [("bao.example", "/"), ("bao.example", "/thoi-su/"), ("[::1]", "/lu-quet-23.html")]:
        assert page_files.address_of(root=tmp_path, file=page_files.path_for(host=host, path=path, root=tmp_path)) == (
            host, path)
    for file in (tmp_path / "bao.example" / ".tmp-abc", tmp_path / "bao.example", tmp_path / "x" / "a b.html",
                 tmp_path.parent / "elsewhere.html"):
        assert page_files.address_of(root=tmp_path, file=file) is None, file


@pytest.mark.django_db
def test_the_app_writes_the_file_of_a_page_it_renders_for_the_front_only(client, settings, tmp_path, make_article,
                                                                       django_user_model):
    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_FILES_DIR = str(tmp_path)
    story = make_article(title="Bến phà Nam Đàn hoạt động trở lại")
    path = story.canonical_path()
    target = tmp_path / "testserver" / path.lstrip("/")

    client.get(path)  # straight to the app, not through the front
    client.get(path + "?utm=1", HTTP_X_TOASOAN_FRONT="1")  # a query string
    assert not target.exists()

    editor = django_user_model.objects.create_superuser(username="bt", email="bt@example.vn", password="x")
    client.force_login(editor)
    client.get(path, HTTP_X_TOASOAN_FRONT="1")  # an editor's page is never a reader's file
    assert not target.exists()
    client.logout()

    body = client.get(path, HTTP_X_TOASOAN_FRONT="1").content
    assert target.read_bytes() == body and story.title.encode() in body

    story.unpublish()
    assert client.get(path, HTTP_X_TOASOAN_FRONT="1").status_code == 404
    assert not target.exists()  # what the front may no longer store has no file either


def test_the_janitor_command_refuses_clearly_without_a_folder(settings):
    from django.core.management import CommandError, call_command

    settings.TOASOAN_PAGE_FILES_DIR = ""
    with pytest.raises(CommandError, match="PAGE_FILES_DIR"):
        call_command("expire_page_files")


# --- Through the real nginx configuration of deploy/.

@pytest.fixture
def files_front(live_server, settings, tmp_path):
    with running_front(live_server=live_server, settings=settings, run_dir=tmp_path, page_files=True) as url:
        yield url, tmp_path / "pages"


def fetch(url: str, *, method: str = "GET", headers: dict | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


READER_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                  "Cross-Origin-Opener-Policy": "same-origin", "Cache-Control": "public, max-age=0",
                  "Content-Security-Policy": policy.header_value(policy.READER_DIRECTIVES),
                  "Permissions-Policy": policy.permissions_policy_value(base_settings.PERMISSIONS_POLICY)}

pytestmark_front = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def story_served_as_file(front: str, make_article, title: str):
    """A published story whose page the front has stored and now answers from its file: (story, its URL)."""
    ensure_tree_root()
    story = make_article(title=title)
    url = front + story.canonical_path()
    fetch(url)
    assert fetch(url)[2]["X-Cache"] == "FILE"
    return story, url


@pytestmark_front
def test_readers_get_the_page_file_with_the_pages_headers(files_front, make_article, section):
    front, pages = files_front
    ensure_tree_root()
    story = make_article(title="Hợp tác xã chè Thanh Chương vào mùa thu hoạch")
    url = front + story.canonical_path()
    status, first, headers = fetch(url)
    assert status == 200 and headers["X-Cache"] == "MISS"
    for name in ("/", section.url):
        fetch(front + name)
    for address in (url, front + "/", front + section.url):
        status, _body, headers = fetch(address)
        assert status == 200 and headers["X-Cache"] == "FILE", address
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        for name, value in READER_HEADERS.items():
            assert headers.get_all(name) == [value], (address, name)
    assert fetch(url)[1] == first
    assert fetch(url, method="HEAD")[2]["X-Cache"] == "FILE"
    assert {p.name for p in (pages / "127.0.0.1").rglob("*.html")} >= {story.canonical_path().lstrip("/"),
                                                                         "index.html"}


@pytestmark_front
def test_editors_queries_and_posts_never_get_a_page_file(files_front, make_article, django_user_model, client):
    front, _pages = files_front
    _story, url = story_served_as_file(front, make_article, "Làng nghề nón lá mở lớp truyền nghề")

    editor = django_user_model.objects.create_superuser(username="bientap", email="bt@example.vn", password="x")
    client.force_login(editor)
    _status, _body, headers = fetch(url, headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}"})
    assert headers.get("X-Cache") != "FILE" and "private" in headers["Cache-Control"]
    assert fetch(url + "?nguon=facebook")[2].get("X-Cache") != "FILE"
    status, _body, headers = fetch(url, method="POST")
    assert headers.get("X-Cache") != "FILE" and status != 405  # the app answers (no CSRF token: 403)


@pytestmark_front
def test_an_edit_replaces_the_file_and_an_unpublished_story_loses_it(files_front, make_article):
    front, pages = files_front
    story, url = story_served_as_file(front, make_article, "Đường hoa ven sông Lam mở cửa đón khách")

    story.title = "Đường hoa ven sông Lam mở cửa đón khách đến hết Tết"
    story.save_revision().publish()  # the purge refreshes the page, which writes its file again
    status, body, headers = fetch(url)
    assert headers["X-Cache"] == "FILE" and "đến hết Tết" in body

    story.unpublish()
    status, body, headers = fetch(url)
    assert status == 404 and headers.get("X-Cache") != "FILE", headers.get("X-Cache")
    assert not (pages / "127.0.0.1" / story.canonical_path().lstrip("/")).exists()


@pytestmark_front
def test_an_expired_file_is_served_from_the_page_cache_and_written_again(files_front, make_article, settings):
    front, pages = files_front
    settings.TOASOAN_PAGE_CACHE_SECONDS = 1
    ensure_tree_root()
    story = make_article(title="Chợ phiên vùng cao họp lại sau mưa")
    url = front + story.canonical_path()
    target = pages / "127.0.0.1" / story.canonical_path().lstrip("/")
    fetch(url)
    assert target.exists()
    time.sleep(2.1)  # one second more than the lifetime, as `toasoan expire_page_files` waits
    assert page_files.expire(root=pages, seconds=2) >= 1 and not target.exists()
    status, body, headers = fetch(url)  # the stale copy at once; one background request renders the page
    assert status == 200 and story.title in body and headers["X-Cache"] in {"STALE", "UPDATING", "EXPIRED"}
    for _ in range(50):
        if target.exists():
            break
        time.sleep(0.02)
    assert target.exists()
    assert fetch(url)[2]["X-Cache"] == "FILE"


@pytestmark_front
def test_a_page_readers_keep_asking_for_is_renewed_and_never_served_expired(files_front, make_article, settings):
    """Through nginx: a page file read since it was written is rendered again through the refresh server shortly
    before its lifetime ends, so the next reader gets the new file, not the expired copy (whose background update
    would hold that reader's keep-alive connection)."""
    front, pages = files_front
    settings.TOASOAN_PAGE_CACHE_SECONDS = 4
    story, url = story_served_as_file(front, make_article, "Phố đi bộ ven hồ Cửa Nam mở thêm tối thứ Sáu")
    target = pages / "127.0.0.1" / story.canonical_path().lstrip("/")
    written = target.stat().st_mtime
    assert target.stat().st_atime > written  # nginx's read set its access time (relatime)
    janitor = page_files.Janitor(root=pages, seconds=5, ahead=2,
                                 refresh=lambda host, path: refresh_one(settings.TOASOAN_FRONT_REFRESH_URL,
                                                                        f"{host}|{path}"))
    assert janitor.run(now=written + 3.5) == page_files.Round(refreshed=1, removed=0)
    assert target.stat().st_mtime > written
    status, body, headers = fetch(url)
    assert status == 200 and headers["X-Cache"] == "FILE" and story.title in body


def test_the_file_location_adds_the_values_the_app_would_send(settings, tmp_path):
    """deploy/nginx's page-file location repeats Django's header values (the CSP is written in from them): they
    must not drift apart."""
    from tests.caching.nginx_front import render_config

    template = render_config(run_dir=tmp_path, app="127.0.0.1:9", listen=1, refresh=2).read_text()
    location = template[template.index("        location / {"):template.index("        location @app {")]
    for header, value in {"X-Frame-Options": settings.X_FRAME_OPTIONS, "X-Content-Type-Options": "nosniff",
                          "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
                          "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
                          "Content-Security-Policy": policy.header_value(policy.READER_DIRECTIVES),
                          "Permissions-Policy": policy.permissions_policy_value(settings.PERMISSIONS_POLICY)}.items():
        assert f'add_header {header} "{value}";' in location, header


@pytestmark_front
def test_uploads_on_a_cdn_host_are_allowed_by_the_fronts_policy_as_by_djangos(live_server, settings, tmp_path,
                                                                              make_article, client):
    """MEDIA_URL on another origin (a CDN or the bucket): the policy nginx adds to the pages it stores and to page
    files is written from the same setting as Django's, so images from that host load on every kind of answer."""
    settings.MEDIA_URL = "https://anh.baomau.vn:8443/"
    settings.TOASOAN_MEDIA_ORIGIN = media_storage.origin(settings.MEDIA_URL)
    with running_front(live_server=live_server, settings=settings, run_dir=tmp_path, page_files=True) as front:
        ensure_tree_root()
        story = make_article(title="Phố đi bộ ven hồ mở thêm vào tối thứ Sáu")
        django_policy = client.get(story.canonical_path())["Content-Security-Policy"]
        for state in ("MISS", "FILE"):
            status, _body, headers = fetch(front + story.canonical_path())
            assert (status, headers["X-Cache"]) == (200, state)
            [header] = headers.get_all("Content-Security-Policy")
            assert policy.parse(header) == policy.parse(django_policy), state
            assert "https://anh.baomau.vn:8443" in policy.parse(header)["img-src"]
            assert "https://anh.baomau.vn:8443" in policy.parse(header)["media-src"]


def test_a_media_origin_that_would_break_the_nginx_configuration_is_refused(settings, tmp_path):
    from django.core.management import CommandError, call_command

    settings.TOASOAN_MEDIA_ORIGIN = 'https://anh.vn"; add_header X-Evil "1'
    with pytest.raises(CommandError, match="không ghi được vào cấu hình nginx"):
        call_command("front_config", "--run-dir", str(tmp_path), "--app", "127.0.0.1:9", "--listen", "127.0.0.1:1",
                     "--refresh-listen", "127.0.0.1:2", "--page-files", str(tmp_path), "--output",
                     str(tmp_path / "nginx.conf"))
    assert not (tmp_path / "nginx.conf").exists()
