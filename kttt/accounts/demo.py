"""Demo accounts, one per role, so that each view of KTTT can be tried with the demo data of Lạng Sơn."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count

from kttt.accounts.models import Account, Role
from kttt.areas.models import AdminUnit
from kttt.registry.models import Kind, Organisation

LANG_SON = "20"


def ensure_demo_accounts(password: str) -> list[tuple[str, str]]:
    """Create (once) a province officer, a province viewer, a commune officer of the commune with the most
    demo cooperatives, and the representative of one of them. Returns (user name, what it may do)."""
    provinces = list(AdminUnit.objects.provinces().filter(code=LANG_SON))
    busiest = (
        Organisation.objects.filter(
            is_demo=True, current_province__code=LANG_SON, current_commune__isnull=False, kind=Kind.HTX
        )
        .values("current_commune")
        .annotate(n=Count("pk"))
        .order_by("-n", "current_commune")
        .first()
    )
    if not provinces or busiest is None:
        return []
    commune = AdminUnit.objects.get(pk=busiest["current_commune"])
    cooperative = (
        Organisation.objects.filter(is_demo=True, current_commune=commune, kind=Kind.HTX, dissolved__isnull=True)
        .order_by("code")
        .first()
    )
    wanted: list[tuple[str, str, list[AdminUnit], Organisation | None, str]] = [
        ("tinh", Role.PROVINCE_OFFICER, provinces, None, "cán bộ cấp tỉnh, Lạng Sơn"),
        ("xem", Role.PROVINCE_VIEWER, provinces, None, "người xem cấp tỉnh, Lạng Sơn"),
        ("xa", Role.COMMUNE_OFFICER, [commune], None, f"cán bộ {commune.name}"),
    ]
    if cooperative is not None:
        wanted.append(("htx", Role.REPRESENTATIVE, [], cooperative, f"đại diện {cooperative.name}"))
    users = get_user_model()
    made = []
    for username, role, units, org, label in wanted:
        user = users.objects.filter(username=username).first()
        if user is None:
            user = users.objects.create_user(username, password=password)
            account = Account.objects.create(user=user, role=role, organisation=org)
            account.units.set(units)
        made.append((username, label))
    return made
