"""Every admin URL × every role, generated from the URL conf: a new admin screen is covered by default.

Each URL under /admin/ is opened (GET) by each of the six roles, with its arguments filled from a small
newsroom (a published story of the role's desk written by a colleague, a draft of another desk, the
objects of each model viewset). The outcome is "allow" (the screen or its redirect onward), "deny" (403, or
Wagtail's "no permission" redirect to the dashboard) or "n/a" (405 for POST-only endpoints, 404 where no
object fits). ``ACCESS`` says, by URL name, which roles are allowed; every other role must be denied. A URL
name that no rule matches fails the test: whoever adds a screen says who may open it. The write actions
behind these screens (publish, approve, take down, delete...) are tried role by role in
test_permission_matrix.py, which follows the table in docs/newsroom.md.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.newsroom.conftest import ROLES

pytestmark = pytest.mark.django_db

R, D, M, P, E, A = ROLES
EVERYONE = frozenset(ROLES)
DESK_EDITOR_UP = frozenset({D, M, P, E, A})
MANAGING_UP = frozenset({M, P, E, A})
DEPUTY_UP = frozenset({P, E, A})
EIC_UP = frozenset({E, A})
ADMIN = frozenset({A})
NOBODY = frozenset()
SKIP = "skip"  # needs a context GET cannot give (an upload in progress, a token); reason in SKIPPED

# First matching rule wins: (URL name glob, roles allowed to open it).
ACCESS: list[tuple[str, frozenset | str]] = [
    # Signing in and out, the dashboard, one's own account, shared choosers and helpers.
    ("wagtailadmin_home", EVERYONE), ("wagtailadmin_account", EVERYONE), ("wagtailadmin_logout", EVERYONE),
    ("wagtailadmin_login", EVERYONE), ("wagtailadmin_password_reset*", EVERYONE),
    ("wagtailadmin_javascript_catalog", EVERYONE), ("wagtailadmin_sprite", EVERYONE),
    ("two_factor_*", SKIP), ("wagtailadmin_dismissibles", EVERYONE), ("wagtailadmin_block_preview", EVERYONE),
    ("wagtailadmin_choose_page*", EVERYONE), ("wagtailadmin_tag_*autocomplete", EVERYONE),
    ("wagtailembeds:*", EVERYONE), ("wagtailadmin_api:*", EVERYONE),
    ("wagtailadmin_error_test", SKIP),
    # Photos and documents: everyone uploads and chooses; editing others' files is the administrator's.
    ("wagtailimages:index*", EVERYONE), ("wagtailimages:add*", EVERYONE), ("wagtailimages_chooser:*", EVERYONE),
    ("wagtailimages:*", ADMIN),
    ("wagtaildocs:index*", EVERYONE), ("wagtaildocs:add*", EVERYONE), ("wagtaildocs_chooser:*", EVERYONE),
    ("wagtaildocs:*", ADMIN),
    # The page explorer, search and the story of the fixture (a colleague's published story on the desk).
    ("wagtailadmin_explore*", EVERYONE), ("wagtailadmin_pages:search*", EVERYONE),
    ("wagtailadmin_pages:add", EVERYONE), ("wagtailadmin_pages:add_subpage", EVERYONE),
    ("wagtailadmin_pages:choose_parent", EVERYONE),
    ("wagtailadmin_pages:edit", DESK_EDITOR_UP), ("wagtailadmin_pages:history*", DESK_EDITOR_UP),
    ("wagtailadmin_pages:revisions_unschedule", MANAGING_UP),
    ("wagtailadmin_pages:revisions_*", DESK_EDITOR_UP), ("wagtailadmin_pages:workflow_history*", DESK_EDITOR_UP),
    ("wagtailadmin_pages:unpublish", DEPUTY_UP), ("wagtailadmin_pages:delete", EIC_UP),
    ("wagtailadmin_pages:move*", ADMIN), ("wagtailadmin_pages:set_page_position", ADMIN),
    # Login-restricting a page is a publishing decision: publishers (administrators) only.
    ("wagtailadmin_pages:copy", DESK_EDITOR_UP), ("wagtailadmin_pages:set_privacy", ADMIN),
    ("wagtailadmin_pages:lock", DESK_EDITOR_UP), ("wagtailadmin_pages:unlock", MANAGING_UP),
    ("wagtailadmin_pages:*", SKIP),
    ("newsroom_reschedule", MANAGING_UP), ("newsroom_guide", EVERYONE), ("wagtail_bulk_action", SKIP),
    # Live coverage of the desk's published story: the desk posts; editors open, end and manage (tests/live).
    ("live_composer", EVERYONE), ("live_*", DESK_EDITOR_UP),
    # The legal record (docs/record.md): corrections from the desk editor up, takedown from the deputy EIC up,
    # the deposit read by the inspector's group, the editor-in-chief and the administrator.
    ("record_admin:correction", DESK_EDITOR_UP), ("record_admin:takedown", DEPUTY_UP),
    ("record_admin:restore", DEPUTY_UP), ("record_admin:*", EIC_UP),
    # Readers' comments: the moderators' group (not one of the six roles) and the managing editor up (tests/comments).
    ("comments_*", MANAGING_UP),
    # The audit trail (docs/record.md): the editor-in-chief and the administrator only.
    ("audit_log*", EIC_UP),
    # People named in stories and bylines: desk editors and up.
    # Choosers list names that published stories show anyway; creating from one needs the add permission.
    ("wagtailsnippets_entities_*", DESK_EDITOR_UP), ("wagtailsnippetchoosers_entities_*:create", DESK_EDITOR_UP),
    ("wagtailsnippetchoosers_entities_*", EVERYONE),
    ("entities_admin:*", DESK_EDITOR_UP),
    ("wagtailsnippets_people_author:delete", ADMIN), ("wagtailsnippets_people_author:*", DESK_EDITOR_UP),
    ("wagtailsnippetchoosers_people_author:create", DESK_EDITOR_UP),
    ("wagtailsnippetchoosers_people_author:*", EVERYONE),
    ("wagtailsnippets:index", NOBODY),  # people and bylines have their own menus; superusers only
    # Curated fronts: the managing editor and up.
    ("front_slots:*", MANAGING_UP),
    # Reports.
    ("wagtailadmin_reports:locked_pages*", MANAGING_UP),  # who may unlock
    # Wagtail's site history is the audit trail (toasoan/audit): the editor-in-chief and the administrator.
    ("wagtailadmin_reports:site_history*", EIC_UP),
    ("wagtailadmin_reports:*", EVERYONE),
    # The site's structure and accounts: the administrator.
    ("wagtailusers_users:*", ADMIN), ("wagtailusers_groups:*", ADMIN), ("wagtailsites:*", ADMIN),
    # The task chooser lists task names; creating one (POST) needs add_task (test below).
    ("wagtailadmin_workflows:task_cho*", EVERYONE),
    ("wagtailadmin_workflows:*", ADMIN), ("wagtailredirects:*", ADMIN),
    ("wagtailadmin_collections:*", NOBODY),  # collections: superusers only
    ("wagtailsettings:*", ADMIN),
    ("wagtailadmin_editing_sessions:*", SKIP),
]


def admin_urls():
    """``(name, route, callback)`` of every named URL under /admin/, from the URL conf."""
    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, prefix + str(pattern.pattern), pattern
    return [row for row in walk(get_resolver().url_patterns) if row[1].startswith("admin/")]


def rule_for(name: str):
    for glob, roles in ACCESS:
        if fnmatch(name, glob):
            return roles
    return None


def test_every_admin_url_has_a_rule():
    missing = sorted({name for name, _route, _p in admin_urls() if rule_for(name) is None})
    assert not missing, f"admin URLs nobody has classified (add them to ACCESS): {missing}"


# Screens for signed-out people (tested in tests/users/) and endpoints that need what GET cannot bring.
SKIPPED = {
    "wagtailadmin_login": "the sign-in screen itself (tests/users/test_sign_in.py)",
    "wagtailadmin_logout": "signs the role out",
    "wagtailadmin_password_reset*": "for signed-out people",
    "wagtailadmin_error_test": "raises on purpose",
}


@pytest.fixture
def objects(newsroom, draft, at_step):
    """One object of each kind the admin URLs name, for filling their arguments."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Site, Task, Workflow

    from toasoan.entities.models import Organisation, Person, Place
    from toasoan.home.models import FrontSlot
    from toasoan.images.models import NewsImage
    from toasoan.people.models import Author

    story = at_step(2)
    state = story.current_workflow_task_state
    state.task.specific.on_action(state, newsroom.user("deputy_eic"), "approve")
    story.refresh_from_db()
    image = NewsImage.objects.create(title="Cầu Rồng", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Thông cáo", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="thong-cao.pdf"))
    return {
        "story": story, "revision": story.get_latest_revision(), "section": newsroom.desk_section,
        "other_section": newsroom.other_section,
        "image": image, "document": document,
        "redirect": Redirect.objects.create(old_path="/tin-cu", redirect_link="/"),
        "collection": Collection.get_first_root_node(), "site": Site.objects.first(),
        "workflow": Workflow.objects.first(), "task": Task.objects.first(),
        "front_slot": FrontSlot.objects.create(front=newsroom.home, kind="lead", article=story, position=0),
        "person": Person.objects.create(name="Nguyễn Văn An"), "organisation": Organisation.objects.create(
            name="Sở Giao thông"), "place": Place.objects.create(name="Đà Nẵng"),
        "author": Author.objects.create(name="Lê Thu Hà", slug="le-thu-ha"),
        "user": newsroom.colleague,
        "group": Group.objects.get(pk=newsroom.newsroom.desk_groups["Thời sự"]["reporter"].pk),
    }


UNFILLABLE = {"uploaded_file_id", "uidb64", "token", "session_id", "object_id", "workflow_state_id", "task_state_id",
              "link_id", "action", "action_name", "revision_id_a", "revision_id_b"}


def fill(name: str, route: str, pattern, objs: dict) -> dict | None:
    """URL kwargs for ``name``, or None when it needs something GET cannot bring."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    if UNFILLABLE & set(names):
        return None
    content_type = {"wagtailsettings": ("home", "imprint"), "wagtailadmin_workflows:add_task": (
        "wagtailcore", "groupapprovaltask")}
    app, model = next((v for k, v in content_type.items() if name.startswith(k)), ("news", "articlepage"))
    model_class = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    if isinstance(model_class, str):
        model_class = apps.get_model(model_class)
    by_model = next((obj for obj in objs.values() if model_class and isinstance(obj, model_class)), None)
    api = {"wagtailadmin_api:images": objs["image"], "wagtailadmin_api:documents": objs["document"],
           "wagtailadmin_api:pages": objs["story"], "wagtailsettings": objs["site"],
           "entities_admin": objs["person"], "wagtailadmin_workflows:remove": objs["workflow"]}
    pk_object = by_model or next((v for k, v in api.items() if name.startswith(k)), None)
    values = {
        "page_id": objs["story"].pk, "page_to_move_id": objs["story"].pk, "page_pk": objs["section"].pk,
        "parent_page_id": objs["section"].pk, "destination_id": objs["other_section"].pk,
        "article_id": objs["story"].pk,
        "revision_id": objs["revision"].pk, "image_id": objs["image"].pk, "filter_spec": "fill-100x100",
        "document_id": objs["document"].pk, "doc_id": objs["document"].pk, "redirect_id": objs["redirect"].pk,
        "collection_id": objs["collection"].pk, "task_id": objs["task"].pk, "workflow_pk": objs["workflow"].pk,
        "content_type_app_name": app, "content_type_model_name": model, "app_label": app, "model_name": model,
        "app_name": app, "pk": pk_object.pk if pk_object is not None else None,
    }
    kwargs = {key: values.get(key) for key in names}
    if any(value is None for value in kwargs.values()):
        return None
    return kwargs


REFUSED_TO = ("/admin", "/admin/login")  # Wagtail's "no permission" redirect to the dashboard, or to sign in


def opened(client: Client, url: str):
    """A GET of ``url`` followed through its redirects (as ``follow=True``, at most 20), except a redirect to
    ``REFUSED_TO``, which is where it ends: the refusal (the dashboard itself is opened by every role, as
    ``wagtailadmin_home``, so rendering it again after each refusal, a quarter of this file's time, told nothing)."""
    response = client.get(url)
    for _hop in range(20):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        target = urlsplit(response.url)
        if target.path.rstrip("/") in REFUSED_TO:
            break
        response = client.get(target.path, QueryDict(target.query))
    else:
        raise AssertionError(f"{url}: more than 20 redirects")
    return response


def outcome(response) -> str:
    """Of a GET followed through its redirects (``opened``)."""
    if response.status_code == 403:
        return "deny"
    if response.status_code in (301, 302, 303, 307, 308) and urlsplit(response.url).path.rstrip("/") in REFUSED_TO:
        return "deny"
    if response.status_code in (400, 404, 405):
        return "n/a"
    assert response.status_code < 500, response
    return "allow"


def test_every_role_opens_exactly_the_admin_urls_it_should(newsroom, objects):
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(newsroom.user(role))
    wrong, unfilled, post_only, checked = [], [], [], 0
    for name, route, pattern in admin_urls():
        rule = rule_for(name)
        if rule == SKIP or any(fnmatch(name, glob) for glob in SKIPPED):
            continue
        kwargs = fill(name, route, pattern, objects)
        if kwargs is None:
            unfilled.append(name)
            continue
        url = reverse(name, kwargs=kwargs)
        seen = {role: outcome(opened(clients[role], url)) for role in ROLES}
        if set(seen.values()) == {"n/a"}:
            post_only.append(name)
            continue
        checked += 1
        for role in ROLES:
            expected = "allow" if role in rule else "deny"
            if seen[role] != expected and not (expected == "allow" and seen[role] == "n/a"):  # POST-only
                wrong.append(f"{name} {url}: {role} {seen[role]} (expected {expected})")
    assert not wrong, "\n".join(wrong)
    assert checked > 150, (checked, unfilled, post_only)



def test_creating_a_workflow_task_from_the_chooser_is_refused(newsroom):
    from wagtail.models import Task

    client = Client()
    client.force_login(newsroom.user("eic"))
    before = Task.objects.count()
    response = client.post(reverse("wagtailadmin_workflows:task_chooser_create"),
                           {"create-task-name": "Bước lén", "create-task-groups": []})
    assert response.status_code == 400
    assert Task.objects.count() == before
