from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from toasoan.newsroom.bylines import AuthorForm, AuthorPermissionPolicy, InstancePermissionMixin
from toasoan.people.models import Author

# Bylines follow the desks (docs/newsroom.md): a desk editor changes only his desk's and unlinked ones.
register_permission_policy(Author, AuthorPermissionPolicy(Author))


class AuthorEditView(InstancePermissionMixin, snippets.EditView):
    pass


class AuthorDeleteView(InstancePermissionMixin, snippets.DeleteView):
    instance_action = "delete"


class AuthorViewSet(snippets.SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Tác giả")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    edit_handler = ObjectList(Author.panels, base_form_class=AuthorForm)
    edit_view_class = AuthorEditView
    delete_view_class = AuthorDeleteView


register_snippet(AuthorViewSet)
