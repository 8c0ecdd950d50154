"""The filters of the audit trail page: a plain GET form, so every selection has an address."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from kttt.audit.models import Action
from kttt.audit.queries import EntryFilters


class DateInput(forms.DateInput):
    input_type = "date"  # the browser's date picker sends YYYY-MM-DD, which the Vietnamese formats accept

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class EntryFilterForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation code"), required=False, max_length=40)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *Action.choices])
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def filters(self) -> EntryFilters:
        """What was asked for; nothing filters while the form has errors (they are shown on the form)."""
        if not self.is_bound or not self.is_valid():
            return EntryFilters()
        data = self.cleaned_data
        return EntryFilters(
            organisation=data["organisation"].strip(),
            user=data["user"].strip(),
            action=data["action"],
            since=data["since"],
            until=data["until"],
        )

    def query(self) -> str:
        """The filters as a query string, empty ones left out, for the pager's links."""
        if not self.is_bound:
            return ""
        return urlencode([(name, value) for name in self.fields if (value := self.data.get(name, ""))])
