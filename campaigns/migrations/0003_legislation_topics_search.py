from django.db import migrations

TOPICS = [
    ("crisis-988", "Crisis services and 988"),
    ("parity", "Parity"),
    ("workforce", "Workforce"),
    ("school-mental-health", "School mental health"),
    ("criminal-legal-diversion", "Criminal-legal diversion"),
    ("medicaid-funding", "Medicaid and funding"),
    ("housing", "Housing"),
    ("peer-support", "Peer support"),
    ("substance-use", "Substance use"),
    ("children-youth", "Children and youth"),
    ("other", "Other"),
]


def seed_topics(apps, schema_editor):
    Topic = apps.get_model("campaigns", "Topic")
    for position, (slug, name) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def add_search_index(apps, schema_editor):
    # GIN only exists on PostgreSQL; the SQLite demo searches by substring instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS campaigns_initiative_search_idx "
            "ON campaigns_initiative USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS campaigns_initiative_search_idx")


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_legislation")]

    operations = [
        migrations.RunPython(seed_topics, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
