from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    # Strategy calls and days of action
    path("calls/", views.call_list, name="call_list"),
    path("calls/feed.ics", views.calendar_feed, name="calendar_feed"),
    path("calls/feed/", views.feed_settings, name="feed_settings"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/calendar.ics", views.call_calendar, name="call_calendar"),
    path("calls/<int:pk>/rsvp/", views.call_rsvp, name="call_rsvp"),
    path("days-of-action/", views.days_of_action, name="days_of_action"),
    path("days-of-action/<int:pk>/took-part/", views.day_took_part, name="day_took_part"),
    # Legislation
    path("legislation/", views.initiative_list, name="initiative_list"),
    path("legislation/new/", views.initiative_new, name="initiative_new"),
    path("legislation/statuses/", views.initiative_statuses, name="initiative_statuses"),
    path("legislation/export.csv", views.initiative_export, name="initiative_export"),
    path("legislation/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    # Best practices and coalition updates
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/new/", views.practice_new, name="practice_new"),
    path("practices/mine/", views.practice_mine, name="practice_mine"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/tried/", views.practice_tried_mark, name="practice_tried"),
    path("updates/<int:pk>/", views.update_detail, name="update_detail"),
    path("updates/<int:pk>/shared/", views.update_shared, name="update_shared"),
]
