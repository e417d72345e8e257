from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    # Legislation
    path("legislation/", views.initiative_list, name="initiative_list"),
    path("legislation/new/", views.initiative_new, name="initiative_new"),
    path("legislation/statuses/", views.initiative_statuses, name="initiative_statuses"),
    path("legislation/export.csv", views.initiative_export, name="initiative_export"),
    path("legislation/<int:pk>/", views.initiative_detail, name="initiative_detail"),
]
