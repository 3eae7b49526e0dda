"""A story whose source gives no publication time (issue 21): imported whole as a draft for the desk, never put
live by the import (even with ``--publish``: its time would be invented), said so in the report, the summary and
the admin; refused only with ``--strict``; importing it again updates that draft, also once its date is found."""

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from toasoan.importer.models import ImportRecord
from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Chợ quê ngày giáp Tết ở vùng bãi ngang Quỳnh Lưu"
SAPO = "Những ngày cuối năm, chợ Cầu Giát đông nghịt người, ai cũng muốn sắm đủ đồ cho mâm cỗ ngày Tết."
BODY = "Bà Nguyễn Thị Hoa, tiểu thương bán hàng ở chợ hơn 20 năm, cho biết năm nay hàng hóa dồi dào."
UNDATED = [TITLE, SAPO, BODY, "Hồ Lam"]
WARNING = "không tìm thấy ngày giờ đăng"


def page(path, lines: list[str]):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*sources, command: str = "import_sources", **options) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *map(str, sources), stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def report_of(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def assert_undated_draft(article: ArticlePage) -> None:
    article.refresh_from_db()
    assert article.live is False and article.last_published_at is None
    assert article.first_published_at is None and article.published_at is None
    assert article.latest_revision is not None  # a whole draft the desk can open, not a half-written page


def test_undated_page_is_a_draft_even_with_publish_and_the_report_says_so(site_structure, tmp_path):
    page(tmp_path / "kho" / "khong-ngay.txt", UNDATED)
    page(tmp_path / "kho" / "co-ngay.txt", ["Đường ven biển thông xe", "08:05, 17/11/2024", SAPO, BODY])
    report = tmp_path / "bao-cao.json"
    out, err, error = run(tmp_path / "kho", publish=True, report=report)
    assert error is None, err

    undated = ArticlePage.objects.get(title=TITLE)
    assert_undated_draft(undated)
    assert undated.sapo == SAPO and BODY in str(undated.body) and undated.byline == ["Hồ Lam"]  # nothing lost
    dated = ArticlePage.objects.get(title="Đường ven biển thông xe")
    assert dated.live and dated.first_published_at == datetime(2024, 11, 17, 8, 5, tzinfo=VN)

    data = report_of(report)
    assert data["counts"]["created"] == 2 and data["counts"]["undated"] == 1 and data["counts"]["failed"] == 0
    entry = next(item for item in data["items"] if item["source"].endswith("khong-ngay.txt"))
    assert entry["outcome"] == "created" and entry["live"] is False and entry["undated"] is True
    assert entry["warnings"][0].startswith(WARNING) and "bản nháp" in entry["warnings"][0]
    other = next(item for item in data["items"] if item["source"].endswith("co-ngay.txt"))
    assert other["live"] is True and other["undated"] is False and not other["warnings"]

    assert "Tổng: 2 tạo mới" in out
    assert "1 bài không có ngày giờ đăng: đã nhập làm bản nháp, cần đặt ngày giờ đăng trước khi xuất bản" in out
    assert f"CẢNH BÁO: {WARNING}" in out and "(bản nháp, chưa xuất bản)" in out


def test_strict_refuses_the_undated_page_and_writes_nothing(site_structure, tmp_path):
    page(tmp_path / "khong-ngay.txt", UNDATED)
    report = tmp_path / "bao-cao.json"
    _out, err, error = run(tmp_path / "khong-ngay.txt", publish=True, strict=True, report=report)
    assert error is not None and error.returncode == 1
    assert f"LỖI {tmp_path / 'khong-ngay.txt'}: {WARNING} (dạng «19:37, 01/07/2019»)" in err
    assert not ArticlePage.objects.filter(title=TITLE).exists() and not ImportRecord.objects.exists()
    entry = report_of(report)["items"][0]
    assert entry["outcome"] == "failed" and entry["reason"].startswith(WARNING)


def test_rerun_updates_the_same_draft_and_a_found_date_dates_it(site_structure, tmp_path):
    source = page(tmp_path / "khong-ngay.txt", UNDATED)
    run(source, publish=True)
    draft = ArticlePage.objects.get(title=TITLE)

    report = tmp_path / "bao-cao.json"
    out, _err, error = run(source, publish=True, report=report)  # the same page again: nothing to do
    assert error is None and "Tổng: 0 tạo mới, 0 cập nhật, 1 không đổi" in out and "ngày giờ đăng:" not in out
    data = report_of(report)  # still an undated source, but nothing was written as a draft in this run
    assert data["items"][0]["undated"] is True and data["counts"]["undated"] == 0

    page(source, [*UNDATED[:3], "Phiên chợ cuối cùng kéo dài đến chiều 30 Tết.", UNDATED[3]])
    out, _err, error = run(source, publish=True, report=report)  # the page grew a paragraph, still no date
    assert error is None and "Tổng: 0 tạo mới, 1 cập nhật" in out
    assert ArticlePage.objects.filter(title=TITLE).count() == 1
    assert_undated_draft(draft)
    assert "Phiên chợ cuối cùng" in str(draft.get_latest_revision_as_object().body)
    entry = report_of(report)["items"][0]
    assert entry["outcome"] == "updated" and entry["undated"] is True and entry["warnings"][0].startswith(WARNING)

    # The desk finds the date and adds it to the page: the same draft is dated and published, no second copy.
    page(source, [TITLE, "06:30, 08/02/2024", *UNDATED[1:]])
    out, err, error = run(source, publish=True)
    assert error is None, err
    assert "Tổng: 0 tạo mới, 1 cập nhật" in out and "không có ngày giờ đăng" not in out
    assert ArticlePage.objects.filter(title=TITLE).count() == 1 and ImportRecord.objects.count() == 1
    draft.refresh_from_db()
    assert draft.live and draft.first_published_at == datetime(2024, 2, 8, 6, 30, tzinfo=VN)
    assert ImportRecord.objects.get().source_key == draft.source_key


def test_two_undated_pages_with_one_title_stay_two_stories(site_structure, tmp_path):
    page(tmp_path / "kho" / "a.txt", ["Thông báo", "Phường Hưng Bình cắt điện sáng thứ Bảy để sửa đường dây."])
    page(tmp_path / "kho" / "b.txt", ["Thông báo", "Trường Tiểu học Lê Mao tuyển sinh lớp 1 từ ngày 1/7."])
    out, err, error = run(tmp_path / "kho")
    assert error is None, err
    assert "Tổng: 2 tạo mới" in out and "2 bài không có ngày giờ đăng" in out
    assert sorted(a.sapo[:7] for a in ArticlePage.objects.filter(title="Thông báo")) == ["Phường ", "Trường "]


def test_bulk_batch_mixing_dated_and_undated_pages(site_structure, tmp_path):
    for n in range(5):
        dateline = [f"08:0{n}, 17/11/2024"] if n % 2 else []
        page(tmp_path / "kho" / f"{n}.txt", [f"Tuyến đường ven biển số {n} thông xe", *dateline,
                                             f"Tuyến đường số {n} dài 13 km, nối ba xã bãi ngang.", BODY])
    report = tmp_path / "bao-cao.json"
    out, err, error = run(tmp_path / "kho", publish=True, batch=2, report=report)
    assert error is None, err
    assert "Tổng: 5 tạo mới" in out and "3 bài không có ngày giờ đăng" in out
    articles = {a.title.split()[5]: a for a in ArticlePage.objects.all()}  # "Tuyến đường ven biển số 3 thông xe"
    assert {n for n, a in articles.items() if a.live} == {"1", "3"}
    for n in "024":
        assert_undated_draft(articles[n])
    assert report_of(report)["counts"]["undated"] == 3
    from toasoan.search.services import search

    found = {hit.article.pk for hit in search(query="tuyến đường ven biển thông xe").hits}
    assert found == {articles["1"].pk, articles["3"].pk}  # the drafts are not in the readers' search


def test_per_item_command_import_text_keeps_the_same_rule(site_structure, tmp_path):
    source = page(tmp_path / "kho" / "khong-ngay.txt", UNDATED)
    page(tmp_path / "kho" / "co-ngay.txt", ["Đường ven biển thông xe", "08:05, 17/11/2024", SAPO, BODY])
    out, err, error = run(tmp_path / "kho", command="import_text", publish=True)
    assert error is None, err
    assert f"CẢNH BÁO: {WARNING}" in out and "(bản nháp, chưa xuất bản)" in out
    assert "Tổng: 2 tạo mới" in out and "; 1 bài không có ngày giờ đăng: đã nhập làm bản nháp" in out
    article = ArticlePage.objects.get(title=TITLE)
    assert_undated_draft(article)
    assert ArticlePage.objects.get(title="Đường ven biển thông xe").live
    # The bulk command then finds the same draft (same identity), and so does a rerun.
    out, _err, error = run(source, publish=True)
    assert error is None and "1 không đổi" in out and ArticlePage.objects.filter(title=TITLE).count() == 1
    _out, err, error = run(source, command="import_text", publish=True, strict=True)
    assert error is not None and WARNING in err


def test_editors_see_the_undated_draft_in_the_listing_and_the_editor(admin_client, site_structure, tmp_path):
    run(page(tmp_path / "khong-ngay.txt", UNDATED), publish=True)
    article = ArticlePage.objects.get(title=TITLE)
    listing = admin_client.get(f"/admin/pages/{article.get_parent().pk}/").content.decode()
    assert f"{TITLE} ⚠ chưa có ngày giờ đăng" in listing
    editor = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "nguồn không ghi ngày giờ đăng, nên được nhập làm bản nháp" in editor
    assert "Hãy điền «Thời gian đăng gốc»" in editor and "Nếu để trống, ngày đăng sẽ là lúc xuất bản" in editor
    # Once the desk publishes it, the warning goes: the story has its time.
    article.get_latest_revision().publish()
    article.refresh_from_db()
    assert not article.needs_publication_time
    assert "chưa có ngày giờ đăng" not in admin_client.get(f"/admin/pages/{article.get_parent().pk}/").content.decode()


# --- the other sources: a missing date is the same rule -----------------------------------------------------

HTML = """<!doctype html><html><head><meta property="og:title" content="{title}">
<link rel="canonical" href="https://baocu.example.vn/thoi-su/cho-que-{n}.html"></head>
<body><h1>{title}</h1><article>{time}<p>{sapo}</p><p>{body}</p></article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo cũ</title>
<item><title>{title}</title><link>https://baocu.example.vn/rss-1.html</link><guid>rss-1</guid>{date}
<description>{sapo}</description></item></channel></rss>"""

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Báo cũ</title><link>https://baocu.example.vn</link>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>{title}</title><link>https://baocu.example.vn/?p=7</link><dc:creator>hoa</dc:creator>
<content:encoded><![CDATA[<p>{sapo}</p><p>{body}</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>7</wp:post_id>{date}<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>"""

NINJS = """{{"uri": "urn:hang-tin:2024:cho-que", "type": "text", {date}"headline": "{title}",
 "description_text": "{sapo}", "body_html": "<p>{body}</p>"}}"""


def _html(dated: bool) -> str:
    time = '<time datetime="2024-02-08T06:30:00+07:00">08/02/2024</time>' if dated else ""
    return HTML.format(n=1, title=TITLE, time=time, sapo=SAPO, body=BODY)


@pytest.mark.parametrize(
    ("name", "undated", "dated"),
    [
        ("cho-que.html", _html(False), _html(True)),
        ("tin.rss", RSS.format(title=TITLE, sapo=SAPO, date=""),
         RSS.format(title=TITLE, sapo=SAPO, date="<pubDate>Wed, 07 Feb 2024 23:30:00 +0000</pubDate>")),
        ("export.xml", WXR.format(title=TITLE, sapo=SAPO, body=BODY, date="<wp:post_date>0000-00-00 00:00:00"
                                  "</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"),
         WXR.format(title=TITLE, sapo=SAPO, body=BODY,
                    date="<wp:post_date_gmt>2024-02-07 23:30:00</wp:post_date_gmt>")),
    ],
)
def test_structured_sources_without_a_date(site_structure, tmp_path, name, undated, dated):
    source = tmp_path / name
    source.write_text(undated, encoding="utf-8")
    _out, err, error = run(source, publish=True, strict=True)
    assert error is not None and "không có thời gian đăng" in err and not ArticlePage.objects.exists()

    report = tmp_path / "bao-cao.json"
    out, err, error = run(source, publish=True, report=report)
    assert error is None, err
    article = ArticlePage.objects.get(title=TITLE)
    assert_undated_draft(article)
    entry = report_of(report)["items"][0]
    assert entry["live"] is False and entry["undated"] is True
    assert any(w.startswith("nguồn không ghi thời gian đăng") and "bản nháp" in w for w in entry["warnings"])
    assert "1 bài không có ngày giờ đăng" in out

    # Its identity is its URL / GUID / post id: the dated version updates the same story and goes live.
    source.write_text(dated, encoding="utf-8")
    out, err, error = run(source, publish=True)
    assert error is None, err
    assert "Tổng: 0 tạo mới, 1 cập nhật" in out and ArticlePage.objects.count() == 1
    article.refresh_from_db()
    assert article.live and article.first_published_at == datetime(2024, 2, 8, 6, 30, tzinfo=VN)


def test_wire_item_without_a_date_is_a_draft_with_the_warning(site_structure, tmp_path):
    source = tmp_path / "tin.json"
    source.write_text(NINJS.format(title=TITLE, sapo=SAPO, body=BODY, date=""), encoding="utf-8")
    report = tmp_path / "bao-cao.json"
    _out, err, error = run(source, publish=True, report=report)
    assert error is None, err
    assert_undated_draft(ArticlePage.objects.get(title=TITLE))
    assert report_of(report)["items"][0]["warnings"][0].startswith("nguồn không ghi thời gian đăng")
    _out, err, error = run(source, publish=True, strict=True)  # strict: refused (the draft stays as it was)
    assert error is not None and "không có thời gian đăng" in err and ArticlePage.objects.count() == 1


def test_a_dated_live_story_reimported_without_its_date_keeps_its_time_and_stays_live(site_structure, tmp_path):
    source = tmp_path / "tin.rss"
    source.write_text(RSS.format(title=TITLE, sapo=SAPO, date="<pubDate>Wed, 07 Feb 2024 23:30:00 +0000</pubDate>"),
                      encoding="utf-8")
    run(source, publish=True)
    source.write_text(RSS.format(title=TITLE, sapo="Chợ Cầu Giát đông nghịt người.", date=""), encoding="utf-8")
    out, err, error = run(source, publish=True)
    assert error is None and "1 cập nhật" in out, err
    article = ArticlePage.objects.get(title=TITLE)
    # Nothing invented, nothing taken away: the live version and its time stay, the change waits as a draft.
    assert article.live and article.first_published_at == datetime(2024, 2, 8, 6, 30, tzinfo=VN)
    assert article.sapo == SAPO and article.has_unpublished_changes
    assert article.get_latest_revision_as_object().sapo == "Chợ Cầu Giát đông nghịt người."
