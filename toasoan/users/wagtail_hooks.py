"""Admin URLs of the second factor (reached before it is passed: see toasoan/users/middleware.py)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from toasoan.users import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc-hai-buoc/thiet-lap/", views.setup_view, name="two_factor_setup"),
        path("xac-thuc-hai-buoc/nhap-ma/", views.verify_view, name="two_factor_verify"),
        path("xac-thuc-hai-buoc/ma-du-phong/", views.new_recovery_codes_view, name="two_factor_recovery_codes"),
    ]
