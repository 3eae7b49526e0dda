"""What each role reaches beyond pages: the photo library."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "desk_editor", "managing_editor", "administrator"])
def test_every_role_reaches_the_photo_library_and_uploads(client, newsroom, role):
    """Image permissions are per collection in Wagtail: the roles get them on the root collection."""
    client.force_login(newsroom.user(role))
    for url in ("/admin/images/", "/admin/images/multiple/add/", "/admin/images/chooser/"):
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)
