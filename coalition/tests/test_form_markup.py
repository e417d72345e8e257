"""templates/django/forms/ and templates/bootstrap5/ replace Django's and crispy-bootstrap5's
form templates with faster ones: each form must come out as the stock templates write it."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.template.backends.django import DjangoTemplates as DjangoBackend
from django.utils.safestring import mark_safe

from members.forms import ApplicationForm, InvitationForm, OrganizationForm
from members.models import FocusArea
from pledges.forms import ActivityForm, EmailPreferenceForm, StaffFilterForm

pytestmark = pytest.mark.django_db

# The installed apps' templates without the project's templates/ directory: the stock ones.
STOCK = DjangoBackend({"NAME": "stock", "DIRS": [], "APP_DIRS": True, "OPTIONS": {}})
NASTY = '<b>"Tom" & Jerry\'s</b>'


@pytest.fixture(autouse=True)
def _focus_areas(db):
    """Browser tests flush the list a migration seeds."""
    for position, name in enumerate(["Housing", NASTY]):
        FocusArea.objects.get_or_create(name=name, defaults={"slug": f"a{position}"})


class EveryWidgetForm(forms.Form):
    text = forms.CharField(max_length=20, help_text="Some <em>help</em>.")
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"placeholder": NASTY}))
    number = forms.IntegerField(min_value=0, disabled=True, initial=3)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial=NASTY)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), initial=NASTY)
    agree = forms.BooleanField(help_text="Required.")
    maybe = forms.NullBooleanField()
    pick = forms.ChoiceField(
        choices=[("", "Pick one"), ("Fruit", [("a", "Apple"), ("b", NASTY)]), (3, 3)]
    )
    many = forms.MultipleChoiceField(choices=[("x", NASTY), ("y", "Why")], required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("Group", [(1, "One"), (2, mark_safe("<i>Two</i>"))]), (3, "Three")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any.",
    )
    radio = forms.ChoiceField(choices=[("y", "Yes"), ("n", NASTY)], widget=forms.RadioSelect)
    upload = forms.FileField(required=False)
    when = forms.SplitDateTimeField(required=False)

    def clean(self):
        raise forms.ValidationError("A problem with the whole form.")


BAD = {"text": "x" * 30, "email": "nope", "day": "someday", "boxes": ["9"], "radio": "q"}
FORMS = {
    "every widget": lambda: EveryWidgetForm(),
    "every widget, with errors": lambda: EveryWidgetForm({**BAD, "pick": "b", "many": ["x"]}),
    "organization": lambda: OrganizationForm(),
    "organization, with errors": lambda: OrganizationForm(
        {"name": "", "website": "x y", "focus_areas": ["0", str(FocusArea.objects.first().pk)]}
    ),
    "application, with errors": lambda: ApplicationForm({"pledge_engage": "on"}),
    "invitation, with errors": lambda: InvitationForm({"email": "nope", "role": "boss"}),
    "activity": lambda: ActivityForm(initial={"occurred_on": "2026-01-02"}),
    "activity, with errors": lambda: ActivityForm({"kind": "zz", "link": "x y"}),
    "email preferences": lambda: EmailPreferenceForm(),
    "staff filter": lambda: StaffFilterForm({"state": "CA", "at_risk": "on"}),
}
# What a FormHelper can set: these take the general path through field.html.
LAYOUTS = {
    "plain": {},
    "horizontal": {"form_class": "form-horizontal", "label_class": "col-2", "field_class": "c"},
    "wrapped": {"wrapper_class": "w", "tag": "section", "inline_class": "inline"},
    "inline text": {"help_text_inline": True, "error_text_inline": True, "flat_attrs": "data-x"},
    "no labels, no errors": {"form_show_labels": False, "form_show_errors": False},
}


class _Tokens(HTMLParser):
    """Tags, attributes and text; whitespace between and inside them does not count."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.tokens = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, [(name, " ".join((v or "").split())) for name, v in attrs]))

    def handle_endtag(self, tag):
        self.tokens.append(("/" + tag,))

    def handle_data(self, data):
        if data.split():
            self.tokens.append((" ".join(data.split()),))

    def handle_entityref(self, name):
        self.tokens.append((f"&{name};",))

    def handle_charref(self, name):
        self.tokens.append((f"&#{name};",))


def _tokens(html: str) -> list:
    return _Tokens(html).tokens


def _stock(form: forms.Form) -> forms.Form:
    form.renderer = DjangoTemplates()  # Django's own widget templates
    return form


def _crispy(engine, form, layout: dict) -> str:
    context = {
        "form": form,
        "field_template": "bootstrap5/field.html",
        "form_show_errors": True,
        "form_show_labels": True,
        "label_class": "",
        "field_class": "",
        **layout,
    }
    return engine.get_template("bootstrap5/uni_form.html").render(context)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", FORMS)
def test_it_writes_crispy_forms_as_the_stock_templates_do(name, layout):
    ours = _crispy(engines["django"], FORMS[name](), LAYOUTS[layout])
    stock = _crispy(STOCK, _stock(FORMS[name]()), LAYOUTS[layout])
    assert _tokens(ours) == _tokens(stock)


@pytest.mark.parametrize("name", FORMS)
def test_it_writes_single_crispy_fields_as_the_stock_templates_do(name):
    source = "{% load crispy_forms_tags %}{% for f in form %}{{ f|as_crispy_field }}{% endfor %}"
    ours = engines["django"].from_string(source).render({"form": FORMS[name]()})
    stock = STOCK.from_string(source).render({"form": _stock(FORMS[name]())})
    assert _tokens(ours) == _tokens(stock)


@pytest.mark.parametrize("name", FORMS)
def test_it_writes_django_widgets_byte_for_byte_as_django_does(name):
    ours, stock = FORMS[name](), _stock(FORMS[name]())
    assert str(ours) == str(stock)
    assert ours.as_p() + ours.as_table() == stock.as_p() + stock.as_table()
