from django.db import migrations

FOCUS_AREAS = [
    ("research", "Research"),
    ("recovery", "Recovery"),
    ("peer-support", "Peer support"),
    ("crisis-988", "Crisis services and 988"),
    ("youth", "Youth"),
    ("housing", "Housing"),
    ("workforce", "Workforce"),
    ("criminal-legal-diversion", "Criminal-legal diversion"),
    ("substance-use", "Substance use"),
    ("parity", "Parity"),
    ("other", "Other"),
]


def add_focus_areas(apps, schema_editor):
    FocusArea = apps.get_model("members", "FocusArea")
    for position, (slug, name) in enumerate(FOCUS_AREAS):
        FocusArea.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("members", "0002_organizations")]

    operations = [migrations.RunPython(add_focus_areas, migrations.RunPython.noop)]
