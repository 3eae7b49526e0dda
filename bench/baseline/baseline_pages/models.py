"""One plain Wagtail page type: title, date and a rich-text body, as in Wagtail's tutorial."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ArticlePage(Page):
    date = models.DateField("Post date")
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("body")]
