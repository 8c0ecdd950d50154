"""Tests that need the whole Lạng Sơn demo data set. Loading it takes ~30 s, so the whole package shares
one load (per database) and removes it afterwards; tests here must not change it."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

DEMO_USERNAMES = ("admin", "tinh", "xem", "xa", "htx")


@pytest.fixture(scope="package")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The Lạng Sơn demo data, loaded once for this package through `kttt demo` (run twice, so the output
    is that of the second, idempotent run) and removed afterwards."""
    from django.contrib.auth.models import User
    from django.db import connection

    from kttt.plans.models import Plan
    from kttt.registry.models import Organisation
    from kttt.support.models import Fund, Loan
    from kttt.training.models import TrainingCourse

    # pytest-django sets up the test database only when a collected test is marked for it: the modules
    # here carry `pytestmark = pytest.mark.django_db`. Never write into a real database.
    name = str(connection.settings_dict["NAME"])
    assert name.startswith("test_") or "memorydb" in name, f"the demo fixture needs the test database, not {name}"
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
        again = io.StringIO()
        call_command("demo", stdout=again)
        yield again.getvalue()
        # The demo accounts (a representative protects its organisation) and loans go first.
        User.objects.filter(username__in=DEMO_USERNAMES).delete()
        Loan.objects.all().delete()
        Fund.objects.all().delete()
        TrainingCourse.objects.all().delete()
        Plan.objects.all().delete()
        Organisation.objects.all().delete()
