"""Subjects and text bodies are plain text: nothing in them is HTML-escaped."""

from types import SimpleNamespace

from outbox.emails import render_email


def test_plain_text_parts_read_as_written_and_the_html_part_stays_escaped(db):
    call = SimpleNamespace(
        title="Peer & Co's <call>",
        when_display=lambda: "Tuesday, December 8",
        get_absolute_url=lambda: "/calls/1/",
    )
    subject, text, html = render_email("call_published", {"call": call})
    assert subject == "Strategy call: Peer & Co's <call>, Tuesday, December 8"
    assert "Peer & Co's <call>" in text
    assert "Peer &amp; Co&#x27;s &lt;call&gt;" in html and "<call>" not in html
