"""Two people of one organization, one reading English and one Spanish: each reminder
arrives in its reader's own language."""

from campaigns.tests.factories import DayOfActionFactory
from pledges.services import reminder_sweep
from pledges.tests.factories import day

MAY = day("2026-05-01")


def test_each_person_gets_the_reminder_in_their_own_language(
    reminder_day, admin_a, member_a, deliver_mail
):
    member_a.language = "es"
    member_a.save(update_fields=["language"])
    DayOfActionFactory(title="Peer voices day", date=day("2026-05-20"))
    reminder_sweep(first=MAY, stage="first", today=reminder_day)
    sent = {message.to[0]: message for message in deliver_mail()}
    english, spanish = sent[admin_a.email], sent[member_a.email]

    assert "coalition pledge for May" in english.subject
    assert "compromiso" in spanish.subject and "mayo" in spanish.subject
    assert "May" not in spanish.subject
    assert "mayo de 2026" in spanish.body
    assert "May 2026" in english.body
    assert "Day of action: Peer voices day, Wednesday, May 20" in english.body
    assert "Jornada de acción: Peer voices day, miércoles 20 de mayo" in spanish.body
    html = {mimetype: body for body, mimetype in spanish.alternatives}["text/html"]
    assert '<html lang="es">' in html


def test_a_name_that_looks_like_code_arrives_as_typed_in_spanish(
    reminder_day, org_a, member_a, deliver_mail
):
    org_a.name = "Peer {{ support }} 100% _ {% debug %} <b>Red</b>"
    org_a.save(update_fields=["name"])
    member_a.language = "es"
    member_a.save(update_fields=["language"])
    reminder_sweep(first=MAY, stage="first", today=reminder_day)
    (message,) = [m for m in deliver_mail() if m.to == [member_a.email]]
    assert "Peer {{ support }} 100% _ {% debug %} <b>Red</b>" in message.subject
    assert "Peer {{ support }} 100% _ {% debug %} <b>Red</b> todavía no" in message.body
