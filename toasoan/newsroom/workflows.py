"""What happens when the last review step approves a story."""

from __future__ import annotations


def publish_approved(workflow_state, user=None) -> None:
    """Publish (or schedule, when it has a go-live time) the approved revision.

    The approval task has already checked that ``user`` may approve; the approver does not need, and in
    this newsroom does not have, the permission to publish outside the workflow.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
