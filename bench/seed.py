"""Seed a benchmark database in bulk: `python -m bench.seed --size 1x|10x`.

Creates `coalition_bench_<size>` on the local PostgreSQL if missing, migrates it, and fills
it with INSERT ... SELECT generate_series (seconds, not minutes). A database that already
holds the size is left alone, so repeated benchmark runs skip this step.

Logins (password "bench-password"): member@bench.example (admin of the first organization)
and staff@bench.example (coalition staff).
"""

import argparse
import os
import subprocess
import sys
import time

SIZES = {
    "1x": {"orgs": 1_000, "activities": 12_000, "initiatives": 200, "past_calls": 30,
           "practices": 300},
    "10x": {"orgs": 10_000, "activities": 120_000, "initiatives": 2_000, "past_calls": 300,
            "practices": 3_000},
}  # fmt: skip
# Raised whenever the data below changes, so a database seeded by older code is seeded again.
SEED_VERSION = 2
UPCOMING_CALLS = 6
DAYS_OF_ACTION = 6
PASSWORD = "bench-password"  # noqa: S105
MEMBER_EMAIL = "member@bench.example"
STAFF_EMAIL = "staff@bench.example"
# The member's own organization logs enough to fill two pages of its activity list.
MEMBER_EXTRA_ACTIVITIES = 120
PG = "postgres://postgres@127.0.0.1:5432"


def database_name(size: str) -> str:
    return f"coalition_bench_{size}"


def database_url(size: str) -> str:
    return f"{PG}/{database_name(size)}"


def _psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atqc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _manage(size: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url(size), "DEBUG": "true"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", *args], env=env, check=True)


def _already_seeded(size: str) -> bool:
    try:
        marker = _psql("SELECT size FROM bench_seed", database_name(size))
    except subprocess.CalledProcessError:
        return False
    return marker == _marker(size)


def _marker(size: str) -> str:
    return f"{size} v{SEED_VERSION}"


def _sql(size: str, password_hash: str) -> str:
    n = SIZES[size]
    orgs, activities, initiatives = n["orgs"], n["activities"], n["initiatives"]
    past_calls, practices = n["past_calls"], n["practices"]
    return f"""
BEGIN;
-- Staff, then one admin per organization (the first is the benchmark's member).
INSERT INTO members_user (password, is_superuser, is_staff, is_active, date_joined, name, email,
    pronouns, language)
VALUES ('{password_hash}', false, true, true, now(), 'Bench Staff', '{STAFF_EMAIL}', '', 'en');

INSERT INTO members_organization (name, slug, type, description, website, city, county, state,
    network_size, status, joined_on, listed_in_directory, created_at, language)
SELECT 'Bench Organization ' || lpad(g::text, 5, '0'), 'bench-org-' || g,
    (ARRAY['peer_run','advocacy','provider','union','agency','research','community',
           'other'])[1 + g % 8],
    'A partner organization working on mental health in its community.',
    'https://org' || g || '.example', 'City ' || (g % 300), 'County ' || (g % 90),
    (ARRAY['AL','AK','AZ','AR','CA','CO','CT','DE','DC','FL','GA','HI','ID','IL','IN','IA','KS',
           'KY','LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ','NM','NY','NC',
           'ND','OH','OK','OR','PA','RI','SC','SD','TN','TX','UT','VT','VA','WA','WV','WI','WY'])
        [1 + g % 51],
    (g * 37) % 5000, 'active',
    -- Most joined years ago; one in ten joined during the last twelve months.
    CASE WHEN g % 10 = 3 THEN current_date - ((g * 7) % 330)
         ELSE current_date - 400 - (g % 700) END,
    g % 10 < 7, now(), 'en'
FROM generate_series(1, {orgs}) g;

INSERT INTO members_user (password, is_superuser, is_staff, is_active, date_joined, name, email,
    pronouns, language)
SELECT '{password_hash}', false, false, true, now(), 'Admin ' || g,
    CASE WHEN g = 1 THEN '{MEMBER_EMAIL}' ELSE 'admin-' || g || '@bench.example' END, '', 'en'
FROM generate_series(1, {orgs}) g;

INSERT INTO members_membership (role, receives_reminders, created_at, user_id, organization_id)
SELECT 'admin', true, now(), u.id, o.id
FROM members_organization o
JOIN members_user u ON u.name = 'Admin ' || substr(o.slug, 11);

INSERT INTO account_emailaddress (email, verified, "primary", user_id)
SELECT email, true, true, id FROM members_user;

INSERT INTO members_organization_focus_areas (organization_id, focusarea_id)
SELECT o.id, f.id FROM members_organization o
JOIN LATERAL (SELECT id FROM members_focusarea ORDER BY (id * 7919 + o.id) % 97 LIMIT 2) f ON true;

-- Activities over the last twelve months at random, so some organizations miss months.
INSERT INTO pledges_activity (kind, occurred_on, summary, link, created_at, logged_by_id,
    organization_id)
SELECT (ARRAY['strategy_call','day_of_action','legislative_agenda','implementation','recruiting',
              'sharing_info','best_practice','other'])[1 + g % 8],
    greatest(date_trunc('month', current_date)::date - interval '11 months',
             current_date - (random() * 364)::int)::date,
    'Shared the coalition update with our network.', '', now(), NULL,
    (SELECT min(id) FROM members_organization) + (g * 7919) % {orgs}
FROM generate_series(1, {activities}) g;

INSERT INTO pledges_activity (kind, occurred_on, summary, link, created_at, logged_by_id,
    organization_id)
SELECT 'sharing_info', current_date - (g % 360), 'Posted the coalition newsletter.', '', now(),
    (SELECT id FROM members_user WHERE email = '{MEMBER_EMAIL}'),
    (SELECT min(id) FROM members_organization)
FROM generate_series(1, {MEMBER_EXTRA_ACTIVITIES}) g;

-- Strategy calls: one a week in the past (enough for several pages of the calls list), six
-- ahead a month apart, each with an agenda.
INSERT INTO campaigns_strategycall (title, starts_at, duration_minutes, join_url, dial_in, captions,
    asl, accessibility_notes, status, minutes, recording_url, published_at, created_at, updated_at,
    created_by_id, sequence)
SELECT 'Strategy call ' || g,
    CASE WHEN g < 0 THEN date_trunc('day', now()) + (g * 7 || ' days')::interval
                         + interval '18 hours'
         ELSE date_trunc('month', now()) + ((g + 1) || ' months')::interval
              + interval '9 days 18 hours' END,
    60, 'https://meet.example/call-' || g, '+1 555 0100, code 1234', true, g % 2 = 0,
    'Slides are sent a day ahead.', 'published', CASE WHEN g < 0 THEN 'We discussed the agenda.'
    ELSE '' END, '', now(), now(), now(), NULL, 0
FROM generate_series(-{past_calls}, {UPCOMING_CALLS - 1}) g;

INSERT INTO campaigns_agendaitem (position, topic, presenter, minutes_allotted, notes, standing,
    call_id, updated_at, drafted_from)
SELECT p, 'Agenda item ' || p, 'Presenter ' || p, 10, 'Notes for this item.', p = 1, c.id, now(),
    ''
FROM campaigns_strategycall c, generate_series(1, 6) p;

INSERT INTO campaigns_dayofaction (title, date, what_to_do, link, is_published, created_at,
    updated_at)
SELECT 'Day of action ' || g, current_date + (g * 20 - 60), 'Call your legislator.', '', true,
    now(), now()
FROM generate_series(1, {DAYS_OF_ACTION}) g;

-- Initiatives, most verified, each reported by one to three organizations.
INSERT INTO campaigns_initiative (title, level, state, jurisdiction, bill_number,
    bill_number_normalized, status, introduced_on, next_hearing_on, summary, source_url, position,
    priority, review_state, verified_at, created_at, updated_at, verified_by_id)
SELECT 'Crisis response and peer support act ' || g, 'state',
    (ARRAY['CA','NY','TX','FL','IL','PA','OH','GA','NC','MI'])[1 + g % 10], '',
    'HB ' || g, 'HB' || g,
    (ARRAY['introduced','in_committee','passed_one_chamber','passed','enacted'])[1 + g % 5],
    current_date - 200 + g % 150, NULL,
    'Funds mobile crisis teams and peer respite centers across the state.',
    'https://legislature.example/hb' || g,
    (ARRAY['support','oppose','monitor','none'])[1 + g % 4], 'medium',
    CASE WHEN g % 5 = 0 THEN 'reported' ELSE 'verified' END, now(),
    now() - (g || ' minutes')::interval, now(), NULL
FROM generate_series(1, {initiatives}) g;

INSERT INTO campaigns_initiative_topics (initiative_id, topic_id)
SELECT i.id, t.id FROM campaigns_initiative i
JOIN LATERAL (SELECT id FROM campaigns_topic ORDER BY (id * 31 + i.id) % 17 LIMIT 2) t ON true;

INSERT INTO campaigns_report (suggested_position, note, created_at, initiative_id, organization_id,
    reported_by_id)
SELECT DISTINCT ON (i.id, o.id) 'support', '', now(), i.id, o.id, NULL
FROM campaigns_initiative i
CROSS JOIN generate_series(0, 2) k
JOIN members_organization o
    ON o.id = (SELECT min(id) FROM members_organization) + (i.id * 13 + k * 101) % {orgs}
WHERE k <= i.id % 3;

-- The member's organization reported some initiatives too.
INSERT INTO campaigns_report (suggested_position, note, created_at, initiative_id, organization_id,
    reported_by_id)
SELECT 'support', '', now(), i.id, (SELECT min(id) FROM members_organization), NULL
FROM campaigns_initiative i WHERE i.id % 40 = 0
ON CONFLICT DO NOTHING;

-- Best practices shared by partners and accepted by staff, newest first on the list.
INSERT INTO campaigns_practice (organization_id, submitted_by_id, title, problem, what_was_done,
    level, state, jurisdiction, population, results, figures, links, name_publicly, status,
    review_note, reviewer_id, submitted_at, decided_at, view_count, created_at, updated_at)
SELECT (SELECT min(id) FROM members_organization) + (g * 31) % {orgs}, NULL,
    'Peer respite practice ' || g, 'People in crisis waited hours in emergency rooms.',
    'Opened a peer-run respite house with the county.', 'state',
    (ARRAY['CA','NY','TX','FL','IL','PA','OH','GA','NC','MI'])[1 + g % 10], '',
    'Adults in crisis', 'Fewer emergency room visits.', '', '', g % 2 = 0, 'accepted', '', NULL,
    now() - (g || ' hours')::interval, now() - (g || ' minutes')::interval, 0,
    now() - (g || ' hours')::interval, now()
FROM generate_series(1, {practices}) g;

INSERT INTO campaigns_practice_topics (practice_id, topic_id)
SELECT p.id, t.id FROM campaigns_practice p
JOIN LATERAL (SELECT id FROM campaigns_topic ORDER BY (id * 31 + p.id) % 17 LIMIT 2) t ON true;

INSERT INTO campaigns_practicetried (note, created_at, organization_id, practice_id, tried_by_id)
SELECT '', now(), (SELECT min(id) FROM members_organization) + (p.id * 17) % {orgs}, p.id, NULL
FROM campaigns_practice p WHERE p.id % 3 = 0;

UPDATE campaigns_initiative SET search_vector =
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(bill_number, '') || ' '
                 || coalesce(bill_number_normalized, '')), 'A')
    || setweight(to_tsvector('english', coalesce(summary, '')), 'C');

CREATE TABLE bench_seed (size text);
INSERT INTO bench_seed VALUES ('{_marker(size)}');
COMMIT;
ANALYZE;
"""


def seed(size: str, *, force: bool = False) -> float:
    """Create and fill the database for `size`; seconds taken (0 when already seeded)."""
    name = database_name(size)
    if not force and _already_seeded(size):
        # Apply migrations added since it was seeded (new tables, new indexes).
        _manage(size, "migrate", "--noinput", "-v0")
        print(f"{name}: already seeded at {size}, migrated, skipping the data")
        return 0.0
    started = time.monotonic()
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _psql(f'CREATE DATABASE "{name}"')
    _manage(size, "migrate", "--noinput", "-v0")
    _manage(size, "createcachetable")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    os.environ["DATABASE_URL"] = database_url(size)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password

    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-q", "-v", "ON_ERROR_STOP=1"],
        input=_sql(size, make_password(PASSWORD)),
        text=True,
        check=True,
    )
    took = time.monotonic() - started
    print(f"{name}: seeded {size} in {took:.1f} s")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--force", action="store_true", help="drop and seed again")
    args = parser.parse_args()
    seed(args.size, force=args.force)


if __name__ == "__main__":
    main()
