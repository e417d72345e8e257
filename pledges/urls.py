from django.urls import path

from . import excused_views, views

app_name = "pledges"

urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("excused/", excused_views.pause_request, name="pause_request"),
    path("staff/", views.staff_health, name="staff"),
    path("staff/pledges.csv", views.staff_export, name="staff_export"),
    path("settings/email/", views.email_preferences, name="email_preferences"),
    path("settings/email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
