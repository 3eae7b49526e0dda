"""Dashboard panels of the newsroom: what waits for the person who signs in."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from toasoan.newsroom.selectors import returned_stories


class ReturnedStoriesPanel(Component):
    """"Bài bị trả lại, chờ bạn sửa": the writer's stories the desk sent back, each with the editor's comment,
    above Wagtail's list of the person's stories in review (order 210) and the editors' queue (220)."""

    name = "returned_stories"
    order = 205
    template_name = "newsroom/returned_panel.html"

    def get_context_data(self, parent_context=None):
        return {"stories": returned_stories(user=parent_context["request"].user)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["stories"]:
            return ""
        return super().render_html(parent_context)
