"""Edits of the settings and lists that steer moderation and the newsroom are logged with what changed, field by
field (before → after), through the admin's own forms: the word list, the ban list (without the reader's email,
address or name), the comment mode of a section, the paper's imprint, a front's place; outside a request too;
a change rolled back is not logged; the report shows the change to those who may read it, and only to them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.audit.conftest import csv_rows, origin
from tests.comments.conftest import desk_story, moderator, post_comment  # noqa: F401 - fixtures
from tests.newsroom.conftest import refused
from toasoan.audit.origin import acting_from, for_command

pytestmark = pytest.mark.django_db

WORDS = "/admin/toa-soan/binh-luan/tu-can-loc/"
BANS = "/admin/toa-soan/binh-luan/chan/"
POLICIES = "/admin/toa-soan/binh-luan/che-do/"
REPORT_RESULTS = "wagtailadmin_reports:site_history_results"


def entries_about(model, *, after: int = 0) -> list:
    from django.contrib.contenttypes.models import ContentType

    return list(ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), pk__gt=after)
                .order_by("pk"))


def last_entry() -> int:
    return ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_word_list_add_edit_delete_each_log_one_entry_with_before_and_after(client, moderator):  # noqa: F811
    from toasoan.comments.models import BlockedWord

    client.force_login(moderator)
    start = last_entry()
    assert client.post(f"{WORDS}new/", {"phrase": "abc", "note": "tục tĩu"}).status_code == 302
    word = BlockedWord.objects.get(phrase="abc")
    assert client.post(f"{WORDS}edit/{word.pk}/", {"phrase": "xyz", "note": "tục tĩu"}).status_code == 302
    assert client.post(f"{WORDS}delete/{word.pk}/").status_code == 302
    created, edited, deleted = entries_about(BlockedWord, after=start)  # one entry each, no second copy
    assert [created.action, edited.action, deleted.action] == ["wagtail.create", "wagtail.edit", "wagtail.delete"]
    assert created.message == "Danh sách từ cần lọc: thêm «abc» — ghi chú: «tục tĩu»"
    assert edited.message == "Danh sách từ cần lọc: thêm «xyz», bỏ «abc»"
    assert deleted.message == "Danh sách từ cần lọc: bỏ «xyz» — ghi chú: «tục tĩu»"
    assert edited.data["setting_changes"]["fields"] == [{"name": "phrase", "label": "từ hoặc cụm từ",
                                                         "before": "abc", "after": "xyz"}]
    for entry in (created, edited, deleted):
        assert entry.user_id == moderator.pk and origin(entry)["via"] == "web"


def test_an_edit_that_changes_nothing_adds_no_change(client, moderator):  # noqa: F811
    from toasoan.comments.models import BlockedWord

    word = BlockedWord.objects.create(phrase="lừa đảo")
    client.force_login(moderator)
    start = last_entry()
    assert client.post(f"{WORDS}edit/{word.pk}/", {"phrase": "lừa đảo", "note": ""}).status_code == 302
    (edited,) = entries_about(BlockedWord, after=start)
    assert edited.message == "Danh sách từ cần lọc: «lừa đảo» — lưu lại, không thay đổi gì"


def test_ban_list_keeps_the_readers_email_address_and_name_out_of_the_log(client, moderator):  # noqa: F811
    from toasoan.comments.models import Ban

    client.force_login(moderator)
    start = last_entry()
    response = client.post(f"{BANS}new/", {"kind": "email", "value": "ke.xau@example.vn", "label": "Nguyễn Văn Xấu",
                                           "reason": "Quảng cáo lặp lại", "expires_at": ""})
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert client.post(f"{BANS}edit/{ban.pk}/", {"kind": "ip", "value": "198.51.100.23", "label": "Người khác",
                                                 "reason": "Công kích cá nhân", "expires_at": ""}).status_code == 302
    assert client.post(f"{BANS}delete/{ban.pk}/").status_code == 302
    created, edited, deleted = entries_about(Ban, after=start)
    assert created.message.startswith(f"Lệnh chặn bình luận: thêm «Lệnh chặn bình luận #{ban.pk}»")
    assert "chặn theo: «Thư điện tử»" in created.message and "lý do: «Quảng cáo lặp lại»" in created.message
    assert "nhận diện: (không ghi nội dung)" in created.message
    assert edited.message == (f"Lệnh chặn bình luận: «Lệnh chặn bình luận #{ban.pk}» — chặn theo: «Thư điện tử» → "
                              "«Địa chỉ IP»; thư điện tử hoặc địa chỉ IP bị chặn: đã đổi (không ghi nội dung); "
                              "nhận diện: đã đổi (không ghi nội dung); lý do: «Quảng cáo lặp lại» → "
                              "«Công kích cá nhân»")
    assert deleted.message.startswith(f"Lệnh chặn bình luận: bỏ «Lệnh chặn bình luận #{ban.pk}»")
    for entry in (created, edited, deleted):
        stored = str(entry.data) + entry.label + entry.message
        for secret in ("ke.xau", "example.vn", "198.51.100.23", "Xấu", "Người khác", ban.value_hash):
            assert secret not in stored


def test_comment_mode_of_a_section_before_and_after(client, moderator, newsroom):  # noqa: F811
    from toasoan.comments.models import CommentPolicy

    section = newsroom.desk_section
    client.force_login(moderator)
    start = last_entry()
    assert client.post(f"{POLICIES}new/", {"page": section.pk, "mode": "pre"}).status_code == 302
    policy = CommentPolicy.objects.get(page=section)
    assert client.post(f"{POLICIES}edit/{policy.pk}/", {"page": section.pk, "mode": "closed"}).status_code == 302
    created, edited = entries_about(CommentPolicy, after=start)
    name = f"{section.title} (#{section.pk})"
    assert created.message == f"Chế độ bình luận: thêm «{name}» — chế độ: «Duyệt trước khi hiện»"
    assert edited.message == f"Chế độ bình luận: «{name}» — chế độ: «Duyệt trước khi hiện» → «Đóng bình luận»"


def test_imprint_edited_by_the_administrator(client, newsroom):
    from wagtail.models import Site

    from toasoan.home.models import Imprint

    site = Site.objects.get(is_default_site=True)
    Imprint.objects.update_or_create(site=site, defaults={"editor_in_chief": "Trần Văn An"})
    client.force_login(newsroom.user("administrator"))
    url = reverse("wagtailsettings:edit", args=["home", "imprint", site.pk])
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name != "site"}
    data.update(editor_in_chief="Lê Thị Bình", email="toasoan@example.vn")
    start = last_entry()
    assert client.post(url, data).status_code == 302
    (edited,) = entries_about(Imprint, after=start)
    assert edited.message == ("Thông tin tòa soạn: tổng biên tập: «Trần Văn An» → «Lê Thị Bình»; "
                              "thư điện tử: — → «toasoan@example.vn»")  # the paper's own public address


def test_outside_a_request_the_system_and_the_command_are_named(newsroom):
    from toasoan.comments.models import BlockedWord
    from toasoan.home.models import FrontSlot

    article = newsroom.desk_section.get_children().first()
    start = last_entry()
    script = ("from toasoan.comments.models import BlockedWord\n"
              "word = BlockedWord.objects.create(phrase='cờ bạc')\n"
              "word.phrase = 'đánh bạc'\nword.save()\nword.delete()\n")
    with acting_from(for_command("shell")):
        call_command("shell", command=script, stdout=StringIO())
    created, edited, deleted = entries_about(BlockedWord, after=start)
    assert edited.message == "Danh sách từ cần lọc: thêm «đánh bạc», bỏ «cờ bạc»"
    assert deleted.message == "Danh sách từ cần lọc: bỏ «đánh bạc»"
    for entry in (created, edited, deleted):
        assert entry.user_id is None and entry.user_display_name == "hệ thống"
        assert origin(entry) == {**origin(entry), "via": "command", "command": "shell"}
    if article is not None:
        with acting_from(for_command("shell")):
            FrontSlot.objects.create(front=newsroom.home, kind="lead", article=article.specific)
        (slot,) = entries_about(FrontSlot, after=start)
        assert slot.message.startswith("Trang nhất và trang chuyên mục: thêm «Bài chính (tin đinh): ")


def test_a_change_rolled_back_in_a_request_is_not_logged(client, moderator, monkeypatch):  # noqa: F811
    """The word is saved, then the save fails before it is committed (here: Wagtail's own log write): the
    database keeps nothing and the log says nothing."""
    from wagtail.actions import create

    from toasoan.comments.models import BlockedWord

    def failing_log(**kwargs):
        raise RuntimeError("hỏng sau khi lưu")

    monkeypatch.setattr(create, "log", failing_log)
    client.force_login(moderator)
    client.raise_request_exception = False
    start = last_entry()
    assert client.post(f"{WORDS}new/", {"phrase": "chỉ thoáng qua"}).status_code == 500
    assert not BlockedWord.objects.filter(phrase="chỉ thoáng qua").exists()
    assert entries_about(BlockedWord, after=start) == []


def test_the_report_shows_the_change_to_the_chief_and_refuses_a_desk_editor(client, moderator, newsroom):  # noqa: F811
    from toasoan.comments.models import BlockedWord

    client.force_login(moderator)
    client.post(f"{WORDS}new/", {"phrase": "abc"})
    word = BlockedWord.objects.get(phrase="abc")
    client.post(f"{WORDS}edit/{word.pk}/", {"phrase": "xyz"})
    client.force_login(newsroom.user("eic"))
    html = client.get(reverse(REPORT_RESULTS)).content.decode()
    assert "Danh sách từ cần lọc: thêm «xyz», bỏ «abc»" in html
    rows = csv_rows(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}))
    assert "Danh sách từ cần lọc: thêm «xyz», bỏ «abc»" in [row["Nội dung"] for row in rows]
    for role in ("desk_editor", "reporter"):
        client.force_login(newsroom.user(role))
        assert refused(client.get(reverse(REPORT_RESULTS)))
        assert refused(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}))
    # The word's own history (for whoever may edit the word list) shows the same change.
    client.force_login(moderator)
    history = client.get(f"{WORDS}history/{word.pk}/").content.decode()
    assert "thêm «xyz», bỏ «abc»" in history


def test_a_ban_from_the_moderation_queue_is_in_the_ban_list_log(client, desk_story, moderator):  # noqa: F811
    """No Wagtail entry comes with this save: the change is written when the view is done, by the moderator."""
    from toasoan.comments.models import Ban, Comment

    post_comment(client, desk_story, name="Trần Văn Bảy", email="bay.tran@example.vn", ip="198.51.100.23")
    comment = Comment.objects.get()
    client.force_login(moderator)
    start = last_entry()
    assert client.post(f"/admin/toa-soan/binh-luan/{comment.pk}/chan/", {"reason": "Quảng cáo"}).status_code == 302
    bans = entries_about(Ban, after=start)
    assert len(bans) == Ban.objects.count() >= 1
    for entry in bans:
        assert entry.action == "wagtail.create" and entry.user_id == moderator.pk
        assert entry.message.startswith("Lệnh chặn bình luận: thêm «Lệnh chặn bình luận #")
        assert "lý do: «Quảng cáo»" in entry.message
        stored = str(entry.data) + entry.label + entry.message
        assert "Bảy" not in stored and "bay.tran" not in stored and "198.51.100.23" not in stored
