"""Person lists of notices (任前公示, 候选人公示): one row per person, structured for the API."""

import re
import unicodedata
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

__all__ = [
    "Gender",
    "PersonBlock",
    "PersonListBlock",
    "PersonListValue",
    "PersonValue",
    "YearMonthBlock",
    "YearMonthField",
    "age_on",
]

# Cadres and village candidates are adults (村民委员会组织法 §13: 18 years); older than 100 is a typo.
MIN_AGE = 18
MAX_AGE = 100

# 1985-03, 1985-3, 1985.03, 1985/03, 1985年3月
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


def age_on(year_month: str, on: date) -> int:
    """Age in whole years on a date of someone born in a "YYYY-MM" month (the day is not known)."""
    year, month = (int(part) for part in year_month.split("-"))
    return on.year - year - (1 if on.month < month else 0)


class YearMonthField(forms.CharField):
    """A year and month ("YYYY-MM"); also accepts 1985.03, 1985/3 and 1985年3月 and stores YYYY-MM."""

    default_error_messages = {
        "invalid": _("Enter a year and month as YYYY-MM, for example 1985-03."),
        "implausible": _("%(value)s gives an age of %(age)s; a month of birth must give an age "
                         "from %(min_age)s to %(max_age)s."),
    }

    def __init__(self, *, min_age: int = MIN_AGE, max_age: int = MAX_AGE, **kwargs):
        self.min_age, self.max_age = min_age, max_age
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "1985-03"}))
        super().__init__(max_length=10, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        match = _YEAR_MONTH.match(unicodedata.normalize("NFKC", value).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"

    def validate(self, value):
        super().validate(value)
        if value:
            age = age_on(value, timezone.localdate())
            if not self.min_age <= age <= self.max_age:
                raise ValidationError(
                    self.error_messages["implausible"], code="implausible",
                    params={"value": value, "age": age, "min_age": self.min_age, "max_age": self.max_age},
                )


class YearMonthBlock(blocks.FieldBlock):
    """A month of birth as "YYYY-MM" (the day is never asked for: it is not needed for a notice)."""

    def __init__(self, required=True, help_text=None, min_age=MIN_AGE, max_age=MAX_AGE, **kwargs):
        self.field = YearMonthField(required=required, help_text=help_text, min_age=min_age, max_age=max_age)
        super().__init__(**kwargs)

    class Meta:
        icon = "date"


class PersonValue(blocks.StructValue):
    """One person of a notice."""

    @property
    def birth_year(self) -> int | None:
        month = self.get("birth_month")
        return int(month[:4]) if month else None

    def age_on(self, on: date) -> int | None:
        month = self.get("birth_month")
        return age_on(month, on) if month else None

    @property
    def gender_label(self) -> str:
        gender = self.get("gender")
        return str(Gender(gender).label) if gender in Gender.values else ""


class PersonBlock(blocks.StructBlock):
    """Name, gender, month of birth, education, current post and proposed post (拟任职务)."""

    name = blocks.CharBlock(label=pgettext_lazy("person", "Name"), max_length=50)
    gender = blocks.ChoiceBlock(label=_("Gender"), choices=Gender.choices)
    birth_month = YearMonthBlock(label=_("Month of birth"), help_text=_("YYYY-MM, e.g. 1985-03."))
    education = blocks.CharBlock(label=_("Education"), max_length=100, required=False,
                                 help_text=_("Highest education and degree, e.g. university, bachelor of law."))
    current_post = blocks.CharBlock(label=_("Current post"), max_length=200)
    proposed_post = blocks.CharBlock(label=_("Proposed post"), max_length=200, required=False)

    class Meta:
        label = _("Person")
        icon = "user"
        value_class = PersonValue
        label_format = "{name}"

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        fields = ("name", "education", "current_post", "proposed_post")
        return [value[name] for name in fields if value.get(name)]


class PersonListValue(blocks.StructValue):
    """A person list; value["people"] holds PersonValue items."""

    def names(self) -> list[str]:
        return [person.get("name") or "" for person in self.get("people") or []]


class PersonListBlock(blocks.StructBlock):
    """The people of a notice (任前公示, 候选人公示) with a title and an explanation (公示期, how to comment).

    Identity numbers, phone numbers and addresses do not belong here; the privacy check refuses them.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False,
        help_text=_("The notice period and how to comment, as it should be published."),
    )
    people = blocks.ListBlock(PersonBlock(), min_num=1, label=_("People"))

    class Meta:
        label = _("Person list")
        icon = "group"
        value_class = PersonListValue

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        content = [text for text in (value.get("title"), value.get("explanation")) if text]
        person_block = self.child_blocks["people"].child_block
        for person in value.get("people") or []:
            content.extend(person_block.get_searchable_content(person))
        return content
