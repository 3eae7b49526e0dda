"""Reader URLs; include with ``path("", include("toasoan.entities.urls"))`` before Wagtail's catch-all."""

from django.urls import path

from toasoan.entities import views

app_name = "entities"

urlpatterns = [
    path("nhan-vat/<slug:slug>/", views.person_page, name="person"),
    path("to-chuc/<slug:slug>/", views.organisation_page, name="organisation"),
    path("dia-danh/<slug:slug>/", views.place_page, name="place"),
]
