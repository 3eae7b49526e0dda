"""The admin in Vietnamese: the project's catalogue is compiled, complete on the role screens, and used."""

from __future__ import annotations

import json
import re
import sys

import pytest

from tests.conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))

import translation_coverage
from po import read_po, write_mo

PO = REPO_ROOT / "toasoan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_committed_mo_matches_the_po(tmp_path):
    fresh = tmp_path / "django.mo"
    write_mo(read_po(PO), fresh)
    assert fresh.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run: python scripts/compile_messages.py"


def test_coverage_script_reports_english_left_on_the_collected_screens(tmp_path, capsys):
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"reporter": {"viet-bai": ["Lưu nháp", "Trang 1/3", "Save draft", "Thôn Đồng Tâm"]}}),
                       encoding="utf-8")
    assert translation_coverage.main(["--screens", str(screens), "--missing"]) == 1
    out = capsys.readouterr().out
    assert [line.casefold() for line in out.splitlines() if line.startswith("MISSING")] == ["missing 'save draft'"]
    assert "role screens translated: 2/3 = 0.67" in out  # Lưu nháp and "Page %(...)s of %(...)s" are translated
    assert "target admin_screens_translated: 0.67 (goal >= 1.0) FAIL" in out


def test_all_admin_strings_beat_wagtails_own_catalogue_python_and_javascript(tmp_path, capsys):
    translation_coverage.main(["--screens", str(tmp_path / "absent.json")])
    out = capsys.readouterr().out
    assert "wagtail.admin djangojs  85/85 = 1.00" in out
    assert "target admin_all_translated" in out and out.splitlines()[-1].endswith("PASS")


def test_placeholders_survive_translation():
    for entry in read_po(PO):
        if not entry.msgid:
            continue
        wanted = re.findall(r"%\(\w+\)s", entry.msgid + entry.msgid_plural)
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                assert sorted(set(re.findall(r"%\(\w+\)s", text))) == sorted(set(wanted)), entry.msgid


@pytest.mark.django_db
def test_edit_screen_reads_in_vietnamese(client, newsroom, draft):
    user = newsroom.user("reporter")
    client.force_login(user)
    page = draft(owner=user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for english in ("Save draft", "Side panels", "Toggle side panel"):
        assert english not in html
    assert "Lưu nháp" in html
    login = client.get("/admin/login/")
    assert login.status_code in (200, 302)



@pytest.mark.django_db
def test_wagtail_javascript_catalogue_serves_the_projects_djangojs(client, newsroom):
    """Wagtail's jsi18n lists only wagtail.admin as package, yet Django also merges LOCALE_PATHS (ours wins)."""
    client.force_login(newsroom.user("reporter"))
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Main menu"] == "Trình đơn chính"
    assert catalogue["Toggle side panel"] == "Mở hoặc đóng bảng bên"


@pytest.mark.django_db
def test_relative_times_and_status_tags_read_in_vietnamese(client, newsroom, draft):
    reporter = newsroom.user("reporter")
    client.force_login(reporter)
    draft(owner=reporter)
    html = client.get(f"/admin/pages/{newsroom.desk_section.pk}/").content.decode()
    for english in ("Just now", "minutes ago", "Page 1 of 1", "In Moderation", "Sort by"):
        assert english not in html
    assert "Trang 1/1" in html


@pytest.mark.django_db
def test_login_page_and_its_refusal_read_in_vietnamese_without_glued_words(client, newsroom):
    from tests.newsroom.admin_text import faults

    html = client.get("/admin/login/").content.decode()
    assert "<title>Đăng nhập - Tòa Soạn</title>" in html
    labels = [" ".join(label.split()) for label in re.findall(r"<label[^>]*>([^<]*)", html)]
    assert 'placeholder="Tên đăng nhập của bạn"' in html and "Mật khẩu" in labels and "Tên đăng nhập" in labels
    for english in ("Password", "Wagtail</title>", "Sign in to Wagtail", "nhậpcủa"):
        assert english not in html
    refused = client.post("/admin/login/", {"username": "u_reporter", "password": "sai-mat-khau"})
    assert refused.status_code == 200
    errors = refused.context["form"].non_field_errors()
    assert errors == ["Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."]
    assert not faults(errors[0])


@pytest.mark.django_db
def test_help_menu_keeps_only_vietnamese_items_and_no_new_badge(client, newsroom):
    client.force_login(newsroom.user("reporter"))
    html = client.get("/admin/").content.decode()
    assert "whats-new-in-wagtail" not in html and "editor-guide" not in html and "docs.wagtail.org" not in html
    assert "Phím tắt" in html or "keyboard-shortcuts-trigger" in html
    assert "- Tòa Soạn</title>" in html and "- Wagtail</title>" not in html


def test_workflow_menu_and_history_lines_read_as_a_newsroom_says_them():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("vi"):
        assert gettext("Resubmit to %(task_name)s") % {"task_name": "Ban biên tập"} == "Gửi lại cho Ban biên tập"
        assert gettext("Restart workflow ") == "Gửi duyệt lại từ đầu"
        assert gettext("Published scheduled draft") == "Đã đăng bản hẹn giờ"


@pytest.mark.django_db
def test_labels_wagtail_writes_from_python_names_read_in_vietnamese(client, newsroom):
    """Column and field labels Wagtail makes from a Python name ("Port", "Task type", "Page") and the yes/no
    icons it titles "True": the screens an administrator opens show them in Vietnamese (the crawl checks all)."""
    from wagtail.models import Workflow

    client.force_login(newsroom.user("administrator"))
    sites = client.get("/admin/sites/").content.decode()
    for label in ("Tên miền", "Cổng", "Tên trang báo", "Trang gốc", "Mặc định?", "Sắp theo «Cổng», tăng dần."):
        assert label in sites
    users = client.get("/admin/users/").content.decode()
    spoken = {text.strip() for text in re.findall(r'<span class="w-sr-only">([^<]*)</span>', users)}
    assert "Có" in spoken and "True" not in spoken  # the "active" column's icon, for screen readers
    group = newsroom.newsroom.groups["managing_editor"]
    workflow = Workflow.objects.order_by("pk").first()
    for url in (f"/admin/groups/edit/{group.pk}/", "/admin/workflows/add/", f"/admin/workflows/edit/{workflow.pk}/"):
        html = client.get(url).content.decode()
        labels = [" ".join(text.split()) for text in re.findall(r"<label[^>]*>\s*([^<]*)", html)]
        assert "Trang" in labels and "Page" not in labels, url
    chooser = client.get("/admin/workflows/task_chooser/", HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["html"]
    labels = [" ".join(text.split()) for text in re.findall(r"<label[^>]*>\s*([^<]*)", chooser)]
    assert "Loại bước" in labels and "Task type" not in labels
    for english in (">Port<", "Site name", "Root page", "Add a site", "Thêm một trang"):
        assert english not in sites


@pytest.mark.django_db
def test_dashboard_and_help_menu_lead_to_the_newsrooms_own_guide(client, newsroom):
    """The dashboard's guide link and the help menu open the paper's Vietnamese guide, not Wagtail's English one."""
    from django.urls import reverse

    guide = reverse("newsroom_guide")
    assert client.get(guide).status_code == 302  # signed out: to the sign-in page, like every admin screen
    client.force_login(newsroom.user("reporter"))
    dashboard = client.get("/admin/").content.decode()
    assert "guide.wagtail.org" not in dashboard and "editor guide" not in dashboard
    assert f'href="{guide}">Hướng dẫn cho tòa soạn</a>' in dashboard  # the account box beside the panels
    menu = json.loads(re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
                                dashboard, re.S).group(1))
    help_items = next(module for module in menu["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule")
    help_menu = next(item for item in help_items["_args"][0] if item["_args"][0]["name"] == "help")
    first = help_menu["_args"][1][0]["_args"][0]
    assert (first["label"], first["url"]) == ("Hướng dẫn cho tòa soạn", guide)
    page = client.get(guide)
    html = page.content.decode()
    assert page.status_code == 200 and "<title>Hướng dẫn cho tòa soạn - Tòa Soạn</title>" in html
    for step in ("Phóng viên: viết và gửi bài", "Bài bị trả lại", "Chuyển thư ký tòa soạn", "Lưu lịch đăng",
                 "Duyệt đăng khẩn cấp", "20/12/2026 15:00"):
        assert step in html
    assert f'href="{reverse("front_slots:index")}"' in html and f'href="{reverse("wagtailadmin_home")}"' in html
