"""The login page: Django's LoginView with a form that refuses attempts while a user name or an address is locked
out (kttt.audit.throttle), before the password is checked."""

from __future__ import annotations

import math
from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kttt.audit.services import client_ip
from kttt.audit.throttle import locked_until


class ThrottledLoginForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        until = locked_until(self.cleaned_data.get("username") or "", client_ip(self.request))
        if until is not None:
            minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
            message = _(
                "Too many failed log-in attempts for this account or from this computer. "
                "Try again after %(time)s (in %(minutes)s minutes)."
            )
            when = {"time": f"{timezone.localtime(until):%H:%M}", "minutes": minutes}
            raise ValidationError(message % when, code="throttled")
        return super().clean()
