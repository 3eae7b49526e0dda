from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "toasoan.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_save
        from wagtail.models import Page, WorkflowState

        from toasoan.news.models import ArticlePage
        from toasoan.newsroom import signals
        from toasoan.newsroom.forms import with_submission_checks
        from toasoan.newsroom.permissions import permissions_for_user
        from toasoan.sections.models import SectionPage

        # The newsroom's meaning of publish/unpublish/delete/schedule for every page (see permissions.py).
        Page.permissions_for_user = permissions_for_user
        # Submission checks with Vietnamese messages naming the field (see forms.py).
        ArticlePage.base_form_class = with_submission_checks(ArticlePage.base_form_class)
        # Final approval publishes even though approvers cannot publish directly (unless a project overrides it
        # with WAGTAIL_FINISH_WORKFLOW_ACTION, which Wagtail reads when its models are imported).
        if not hasattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION"):
            from toasoan.newsroom.workflows import publish_approved

            WorkflowState.on_finish = publish_approved
        post_save.connect(signals.section_saved, sender=SectionPage, dispatch_uid="newsroom_section_workflow")
