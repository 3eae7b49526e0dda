"""The review workflow's last step becomes a FinalApprovalTask (two-person rule), and Wagtail's default
"Moderators" and "Editors" groups go: their rights (publish anywhere for moderators) bypass the newsroom's
roles. In-progress reviews at the old step finish there; new ones use the new step."""

from django.db import migrations

WORKFLOW_NAME = "Quy trình duyệt bài"
# Also under the Vietnamese names newsroom 0002_vietnamese_wagtail_defaults gives them (either may run first).
DEFAULT_GROUPS = ("Moderators", "Editors", "Kiểm duyệt (nhóm mẫu của Wagtail)", "Biên tập (nhóm mẫu của Wagtail)")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=DEFAULT_GROUPS).delete()

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    FinalApprovalTask = apps.get_model("newsroom", "FinalApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    last = WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
    if last is None:
        return
    old = GroupApprovalTask.objects.filter(pk=last.task_id).first()
    if old is None:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="newsroom", model="finalapprovaltask")
    new = FinalApprovalTask.objects.create(name=old.name, active=True, content_type=content_type)
    new.groups.set(old.groups.all())
    last.task_id = new.pk
    last.save(update_fields=["task"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_final_approval_task"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
