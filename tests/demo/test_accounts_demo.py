"""The demo accounts: one per role, each seeing its own part of the Lạng Sơn demo data."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kttt.accounts.access import Action, organisations
from kttt.accounts.models import Account
from kttt.registry.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_prints_a_login_for_every_role(demo: str) -> None:
    for username in ("admin", "tinh", "xem", "xa", "htx"):
        assert f"{username} / kttt-demo" in demo


def test_each_demo_account_sees_its_own_part(demo: str) -> None:
    everything = Organisation.objects.count()
    users = {user.username: user for user in User.objects.filter(username__in=["tinh", "xem", "xa", "htx"])}
    assert organisations(users["tinh"]).count() == everything  # all the demo data is in Lạng Sơn
    assert organisations(users["xem"], Action.CHANGE).count() == 0
    commune = organisations(users["xa"])
    assert 0 < commune.count() < everything
    accounts = {a.user.username: a for a in Account.objects.select_related("user", "organisation")}
    assert set(commune.values_list("current_commune", flat=True)) == {accounts["xa"].units.get().pk}
    (own,) = organisations(users["htx"])
    assert own == accounts["htx"].organisation and organisations(users["htx"], Action.CHANGE).count() == 0
