"""What a signed-in person may do, and to which organisations: the one place scopes are decided. Every list,
page, download, import and API endpoint asks `organisations(user, action)` for its queryset, or `require` for
one organisation; none checks roles itself.

- The system administrator (a superuser) may do everything everywhere.
- A province officer may do everything within their province(s); a province viewer may only look.
- A commune officer may see and change the organisations located in their commune(s) and enter their figures.
- A cooperative's representative may see their own organisation and enter and submit its figures.
- A person without an account row may see nothing until an administrator gives them a role.
Anonymous visitors are not handled here: they see the public directory and aggregates (registry.queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from kttt.accounts.models import Account, Role
from kttt.registry.models import Organisation

User = AbstractBaseUser | AnonymousUser


class Action(StrEnum):
    VIEW = "view"  # see the organisation's record and yearly figures
    CHANGE = "change"  # create and edit organisations, their status history and union links
    ENTER = "enter"  # enter, save and submit yearly figures
    APPROVE = "approve"  # approve and reopen submitted yearly figures


RIGHTS: dict[str, frozenset[Action]] = {
    Role.PROVINCE_OFFICER: frozenset(Action),
    Role.PROVINCE_VIEWER: frozenset({Action.VIEW}),
    Role.COMMUNE_OFFICER: frozenset({Action.VIEW, Action.CHANGE, Action.ENTER}),
    Role.REPRESENTATIVE: frozenset({Action.VIEW, Action.ENTER}),
}
# An organisation is in an area when any of its location columns (as recorded, and derived in both schemes
# of administrative units) is one of the area's units.
LOCATION_FIELDS = ("province", "area", "former_province", "current_province", "former_district", "current_commune")


@dataclass(frozen=True)
class Access:
    everything: bool = False
    role: str = ""
    actions: frozenset[Action] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    organisation_id: int | None = None

    def may(self, action: Action) -> bool:
        """Whether the person may do `action` to at least some organisations."""
        return self.everything or action in self.actions

    def where(self, action: Action) -> Q | None:
        """The organisations the person may do `action` to, as a filter; None for none."""
        if self.everything:
            return Q()
        if action not in self.actions:
            return None
        if self.role == Role.REPRESENTATIVE:
            return Q(pk=self.organisation_id) if self.organisation_id else None
        if not self.unit_ids:
            return None
        where = Q()
        for name in LOCATION_FIELDS:
            where |= Q(**{f"{name}_id__in": sorted(self.unit_ids)})
        return where

    def organisations(self, action: Action = Action.VIEW) -> QuerySet[Organisation]:
        where = self.where(action)
        return Organisation.objects.none() if where is None else Organisation.objects.filter(where)

    def covers(self, org: Organisation, action: Action) -> bool:
        """Whether `org` (saved or not: a new organisation's location is checked the same way) is in scope."""
        if self.everything:
            return True
        if action not in self.actions:
            return False
        if self.role == Role.REPRESENTATIVE:
            return org.pk is not None and org.pk == self.organisation_id
        located = {getattr(org, f"{name}_id") for name in LOCATION_FIELDS} - {None}
        return bool(located & self.unit_ids)


NOBODY = Access()


def access(user: User) -> Access:
    """The person's access, read once per request (kept on the user object)."""
    if not user.is_authenticated:
        return NOBODY
    cached: Access | None = getattr(user, "_kttt_access", None)
    if cached is None:
        cached = _load(user)
        user._kttt_access = cached  # type: ignore[attr-defined]
    return cached


def _load(user: AbstractBaseUser) -> Access:
    if getattr(user, "is_superuser", False):
        return Access(everything=True)
    # One query: a row per unit of the account (one row with unit None when it has none).
    rows = list(Account.objects.filter(user_id=user.pk).values_list("role", "organisation_id", "units"))
    if not rows:
        return NOBODY
    role, organisation_id = rows[0][0], rows[0][1]
    units = frozenset(unit for _, _, unit in rows if unit is not None)
    return Access(False, role, RIGHTS.get(role, frozenset()), units, organisation_id)


def organisations(user: User, action: Action = Action.VIEW) -> QuerySet[Organisation]:
    return access(user).organisations(action)


def may_import(user: User) -> bool:
    """Whether the person may import data packages at all (each row is then checked against the scope)."""
    allowed = access(user)
    return allowed.may(Action.CHANGE) or allowed.may(Action.ENTER)


def require(user: User, action: Action, org: Organisation) -> None:
    """Refuse (403) an action on an organisation the person may see but not act on."""
    if not access(user).covers(org, action):
        raise PermissionDenied(REFUSALS[action])


REFUSALS = {
    Action.VIEW: "Bạn không có quyền xem tổ chức này.",
    Action.CHANGE: "Bạn không có quyền thêm hoặc sửa thông tin tổ chức này (vai trò hoặc địa bàn của tài khoản).",
    Action.ENTER: "Bạn không có quyền nhập số liệu của tổ chức này.",
    Action.APPROVE: "Bạn không có quyền phê duyệt số liệu của tổ chức này.",
}
