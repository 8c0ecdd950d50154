from django.contrib import admin

from kttt.audit.admin import AuditedAdmin
from kttt.rules.models import LegalRule


@admin.register(LegalRule)
class LegalRuleAdmin(AuditedAdmin[LegalRule]):
    list_display = [
        "code",
        "measure",
        "kinds",
        "value",
        "valid_from",
        "valid_to",
        "instrument",
        "severity",
        "verified",
    ]
    list_filter = ["measure", "severity", "verified"]
    search_fields = ["code", "instrument", "article"]
