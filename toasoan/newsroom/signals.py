from __future__ import annotations


def section_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new top-level section joins the review workflow."""
    if raw or not created:
        return
    from toasoan.home.models import HomePage
    from toasoan.newsroom.roles import assign_workflow_to_section

    parent = instance.get_parent()
    if parent is not None and parent.specific_class is HomePage:
        assign_workflow_to_section(section=instance)
