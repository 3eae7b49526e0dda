"""The admin's markup is clean where Wagtail's templates print Python values as they are (a "None" class)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import wagtail

from tests.conftest import REPO_ROOT

CLASS = re.compile(r'\sclass="([^"]*)"')


@pytest.mark.django_db
def test_no_none_class_on_the_screens_a_reporter_opens(client, newsroom, draft):
    reporter = newsroom.user("reporter")
    story = draft(owner=reporter, title="Chợ phiên vùng cao mùa xuân")
    section = newsroom.desk_section.pk
    client.force_login(reporter)
    # Screens with Wagtail's breadcrumbs in their header (the dashboard has none), where the "None" class was.
    screens = [f"/admin/pages/{section}/", f"/admin/pages/{story.pk}/edit/",
               f"/admin/pages/add/news/articlepage/{section}/", f"/admin/pages/{story.pk}/history/",
               "/admin/images/", "/admin/account/"]
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "w-breadcrumbs" in html, url
        bad = [value for value in CLASS.findall(html) if "None" in value.split()]
        assert not bad, f"{url}: {bad}"


def test_breadcrumbs_override_is_wagtails_template_but_for_the_class():
    """The override copies Wagtail's breadcrumbs; when Wagtail changes its template, this says to copy it again."""
    ours = (REPO_ROOT / "toasoan/newsroom/templates/wagtailadmin/shared/breadcrumbs.html").read_text(encoding="utf-8")
    theirs = (Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/shared/breadcrumbs.html").read_text(
        encoding="utf-8")
    lines = [line for line in ours.splitlines(keepends=True) if not line.startswith("{# Wagtail 8.0's breadcrumbs")]
    undone = "".join(lines).replace("{% if classname %} {{ classname }}{% endif %}", " {{ classname }}")
    assert undone == theirs
