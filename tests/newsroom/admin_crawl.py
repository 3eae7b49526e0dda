"""Every admin screen, read from the URL conf: a new screen is crawled by default.

``admin_routes()`` lists the named URL patterns under ``/admin/``; ``Filler`` turns each into an address with
real objects of the crawl's scene (a story, its revisions and review step, an image, a byline...). A route
whose parameters it cannot fill and which is not in ``SKIPPED`` (each with the reason) fails the crawl, so
whoever adds a screen either gets it crawled or says here why not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes that are not screens a person opens (data for scripts, POST-only actions, files), with the reason.
SKIPPED_NAMESPACES = {
    "wagtailadmin_api": "JSON for the page explorer's scripts",
    "wagtailadmin_editing_sessions": "POST-only pings of the editor",
}
SKIPPED = {
    "comments_approve": "POST only (tests/comments/test_moderation.py)",
    "comments_reject": "POST only (tests/comments/test_moderation.py)",
    "comments_edit_out": "POST only (tests/comments/test_moderation.py)",
    "comments_ban": "POST only (tests/comments/test_moderation.py)",
    "comments_words:edit": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_words:delete": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_words:history": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_words:usage": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_words:copy": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_bans:edit": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_bans:delete": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_bans:history": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_bans:usage": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_bans:copy": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_policies:edit": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_policies:delete": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_policies:history": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_policies:usage": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "comments_policies:copy": "one entry of the comment desk's lists, which needs an object (tests/comments)",
    "record_admin:detail": "one deposit record, which needs a publication (tests/record/test_inspector_view.py)",
    "record_admin:raw": "a deposit record's stored bytes (tests/record/test_inspector_view.py)",
    "live_change": "one live update (tests/live/test_live.py)",
    "live_delete": "POST only (tests/live/test_live.py)",
    "live_pin": "POST only (tests/live/test_live.py)",
    "wagtailadmin_logout": "signs out (POST)",
    "wagtailadmin_dismissibles": "JSON state of dismissed banners",
    "wagtailadmin_sprite": "the icon sprite (SVG)",
    "wagtailadmin_javascript_catalog": "the JavaScript catalogue (checked by test_admin_vietnamese.py)",
    "wagtailadmin_error_test": "raises on purpose (Wagtail's error-page test)",
    "wagtailadmin_block_preview": "a block preview iframe, needs a block id",
    "wagtailadmin_tag_autocomplete": "JSON for the tag field",
    "wagtailadmin_tag_model_autocomplete": "JSON for the tag field",
    "wagtailadmin_pages:preview_on_add": "the reader page rendered in the preview panel (POST first)",
    "wagtailadmin_pages:preview_on_edit": "the reader page rendered in the preview panel (POST first)",
    "wagtailadmin_pages:view_draft": "the reader page (the reader site's own tests)",
    "wagtailadmin_pages:workflow_preview": "the reader page (the reader site's own tests)",
    "wagtailsettings:preview_on_edit": "the reader page rendered in the preview panel (POST first)",
    "wagtailadmin_pages:lock": "POST-only action",
    "wagtailadmin_pages:unlock": "POST-only action",
    "wagtailadmin_pages:set_page_position": "POST-only action",
    "wagtailadmin_pages:workflow_action": "POST-only action (its dialog is collect_workflow_action_data)",
    "wagtailadmin_workflows:enable": "POST-only action",
    "wagtailadmin_workflows:enable_task": "POST-only action",
    "wagtailadmin_workflows:remove": "POST-only action",
    "wagtailimages:preview": "an image file",
    "wagtailimages:url_generator_output": "JSON for the URL generator",
    "wagtailimages:create_multiple_from_uploaded_image": "POST-only step of the multiple upload",
    "wagtailimages:delete_upload_multiple": "POST-only step of the multiple upload",
    "wagtaildocs:create_multiple_from_uploaded_document": "POST-only step of the multiple upload",
    "wagtaildocs:delete_upload_multiple": "POST-only step of the multiple upload",
    "wagtailimages:edit_multiple": "POST-only step of the multiple upload",
    "wagtailimages:delete_multiple": "POST-only step of the multiple upload",
    "wagtaildocs:edit_multiple": "POST-only step of the multiple upload",
    "wagtaildocs:delete_multiple": "POST-only step of the multiple upload",
    "wagtailredirects:process_import": "POST-only step of the import",
    "entities_admin:change": "POST-only action",
    "wagtailadmin_choose_page_chosen_multiple": "POST-only step of the chooser",
    "wagtailadmin_workflows:task_chooser_create": "POST-only step of the chooser",
    "wagtailsites:copy": "Wagtail's site viewset offers no copy view (404)",
}
# Fragments that a screen loads into itself: crawled as part of that screen.
FRAGMENT_SUFFIXES = ("results", "results_multiple", "chosen_multiple")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name
    params: tuple[str, ...]
    model: type[models.Model] | None  # the model of a model viewset's views


def _model_of(callback) -> type[models.Model] | None:
    model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(
        getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _walk(patterns, namespace: str | None, prefix: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            params = tuple(pattern.pattern.regex.groupindex)
            yield prefix + str(pattern.pattern), Route(name=name, params=params, model=_model_of(pattern.callback))


def admin_routes() -> list[Route]:
    """Every named admin route once (patterns sharing a name differ only by optional parameters)."""
    found: dict[str, Route] = {}
    for prefix, route in _walk(get_resolver().url_patterns, None, ""):
        if not prefix.startswith("admin/"):
            continue
        if route.name.split(":")[0] in SKIPPED_NAMESPACES or route.name in SKIPPED:
            continue
        if route.name.endswith(FRAGMENT_SUFFIXES) or route.name.rsplit(":", 1)[-1].endswith("_results"):
            continue
        known = found.get(route.name)
        if known is None or len(route.params) > len(known.params):
            found[route.name] = route
    return list(found.values())


@dataclass
class Filler:
    """Values for URL parameters: ``pages`` are the role's story, section and the other desk's section."""

    story: object  # the page the role works on (its own draft, or the story waiting for its review)
    section: object
    other_section: object
    objects: dict[str, object] = field(default_factory=dict)  # param name -> object (image, document...)
    extra: dict[str, object] = field(default_factory=dict)  # route name -> kwargs or a whole address

    def kwargs(self, route: Route) -> dict | None:
        if route.name in self.extra:
            return self.extra[route.name]
        values = {}
        for param in route.params:
            value = self.value(route, param)
            if value is None:
                return None
            values[param] = value
        return values

    def value(self, route: Route, param: str):
        override = self.objects.get(f"{route.name}.{param}")
        if override is not None:
            return getattr(override, "pk", override)
        story = self.story
        if param in ("page_id", "page_to_move_id", "page_pk"):
            return story.pk
        if param == "parent_page_id":
            return self.section.pk
        if param == "destination_id":
            return self.other_section.pk
        if param in ("content_type_app_name", "app_label", "app_name") and "settings" not in route.name:
            return "news" if "pages" in route.name else None
        if param in ("content_type_model_name", "model_name") and "pages" in route.name:
            return "articlepage"
        if param == "revision_id":
            return story.revisions.order_by("-pk").values_list("pk", flat=True).first()
        state = story.current_workflow_state
        task_state = story.current_workflow_task_state
        if param == "workflow_state_id":
            return getattr(state, "pk", None)
        if param == "task_state_id":
            return getattr(task_state, "pk", None)
        if param == "task_id":
            return getattr(task_state, "task_id", None)
        if param == "action_name":
            return "reject" if task_state else None
        if param == "pk" and route.model is not None:
            row = route.model._default_manager.order_by("pk").first()
            return getattr(row, "pk", None)
        obj = self.objects.get(param)
        return getattr(obj, "pk", obj)

    def url(self, route: Route) -> str | None:
        if isinstance(self.extra.get(route.name), str):
            return self.extra[route.name]
        kwargs = self.kwargs(route)
        return None if kwargs is None else reverse(route.name, kwargs=kwargs)
