from django.urls import path

from .views import calls, days, legislation, practices, priorities, record, updates

app_name = "campaigns"

urlpatterns = [
    # Strategy calls and days of action
    path("calls/", calls.call_list, name="call_list"),
    path("calls/feed.ics", calls.calendar_feed, name="calendar_feed"),
    path("calls/feed/", calls.feed_settings, name="feed_settings"),
    path("calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("calls/<int:pk>/calendar.ics", calls.call_calendar, name="call_calendar"),
    path("calls/<int:pk>/rsvp/", calls.call_rsvp, name="call_rsvp"),
    path("days-of-action/", days.days_of_action, name="days_of_action"),
    path("days-of-action/<int:pk>/took-part/", days.day_took_part, name="day_took_part"),
    # Legislation
    path("legislation/", legislation.initiative_list, name="initiative_list"),
    path("legislation/new/", legislation.initiative_new, name="initiative_new"),
    path("legislation/statuses/", legislation.initiative_statuses, name="initiative_statuses"),
    path("legislation/export.csv", legislation.initiative_export, name="initiative_export"),
    path("legislation/<int:pk>/", legislation.initiative_detail, name="initiative_detail"),
    path("org/record.csv", record.org_record, name="org_record"),
    path(
        "staff/organizations/<int:pk>/record.csv", record.org_record_staff, name="org_record_staff"
    ),
    path("priorities/", priorities.priority_list, name="priority_list"),
    path("priorities/feed/", priorities.priority_feed, name="priority_feed"),
    # Best practices and coalition updates
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/new/", practices.practice_new, name="practice_new"),
    path("practices/mine/", practices.practice_mine, name="practice_mine"),
    path("practices/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/tried/", practices.practice_tried_mark, name="practice_tried"),
    path("updates/<int:pk>/", updates.update_detail, name="update_detail"),
    path("updates/<int:pk>/shared/", updates.update_shared, name="update_shared"),
]
