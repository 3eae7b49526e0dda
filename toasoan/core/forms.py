"""Forms project-wide: a field that has no label is labelled from the catalogue.

Django labels such a field with its Python name ("page" → "Page", "task_type" → "Task type"), which no
translation reaches: Wagtail 8.0 leaves the label out on its page choosers (group permissions, workflows) and
on its task chooser's filter. The project's form renderer (``FORM_RENDERER``) gives every form a bound field
that looks that name up in the catalogues, where Wagtail's own strings already say "Trang", "Loại bước".
"""

from __future__ import annotations

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext


class CatalogueLabelBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        if field.label is None:
            self.label = gettext(self.label)


class FormRenderer(DjangoTemplates):
    bound_field_class = CatalogueLabelBoundField
