"""The audit trail: every service that writes leaves one entry with the actor, the object and the values before
and after; entries cannot be changed or deleted; people allowed read them per organisation and on /nhat-ky/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from kttt.annual import services as annual
from kttt.audit.display import shown_changes
from kttt.audit.models import Action, AppendOnly, Entry
from kttt.audit.services import SYSTEM, diff, record, snapshot
from kttt.ratings import services as ratings
from kttt.ratings.models import Assessment, Criterion
from kttt.registry import services as registry
from kttt.registry.models import Organisation
from kttt.support import services as support
from kttt.support.models import Fund, FundLevel, Loan
from kttt.support.services import Instalment, LoanApplication
from kttt.training import services as training
from kttt.training.models import TrainingCourse, TrainingLevel
from tests.conftest import Loader, province_officer
from tests.test_web_editing import data as organisation_data

D = dt.date
MN = 1_000_000
QUARTERS = [Instalment(D(2022, m, d), 100 * MN) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]


@pytest.fixture
def org(load: Loader) -> Organisation:
    load(
        organizations=[{"code": "A", "established": "2015-01-01", "sector": "thuong-mai"}],
        annual=[{"code": "A", "year": "2022", "members": "12", "managers": "3"}],
    )
    return Organisation.objects.get(code="A")


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create_user("canbo", password="mat-khau-dai-123")


def course(actor: User | None = None) -> TrainingCourse:
    return training.record_course(
        "K-1", "Chuyển đổi số", "Liên minh HTX tỉnh", TrainingLevel.SHORT, D(2022, 5, 10), D(2022, 5, 12), actor=actor
    )


def loan(org: Organisation, actor: User | None = None) -> Loan:
    fund = Fund.objects.get_or_create(name="Quỹ thử", level=FundLevel.NATIONAL)[0]
    application = LoanApplication(
        "V-1", fund, "Mở rộng xưởng", 1000 * MN, 200 * MN, 400 * MN, D(2022, 1, 3), 12, Decimal("4.8"), borrower=org
    )
    return support.register_loan(application, actor=actor)


def approved(org: Organisation) -> Loan:
    return support.approve(loan(org), D(2022, 1, 10), 400 * MN, schedule=QUARTERS)


def scored(org: Organisation) -> Assessment:
    """An assessment whose best-scored criterion was then lowered by 10 points (as in the admin)."""
    left, scores = Decimal(90), {}
    for criterion in Criterion.objects.filter(scheme__code="tt01-2020").order_by("order"):
        scores[criterion.code] = min(left, criterion.max_points)
        left -= scores[criterion.code]
    assessment = ratings.record_assessment(org, 2022, scores=scores)
    first = assessment.scores.order_by("-points").first()
    assert first is not None
    first.points -= 10
    first.save()
    return assessment


def discarded(org: Organisation, actor: User) -> models.Model:
    draft = annual.save_draft(org, 2023, {"members": "7"})
    annual.discard_draft(org, 2023, actor)
    return draft


@dataclass(frozen=True)
class Case:
    """One service call by `user`: the entry it must leave (action, object, some of its changes)."""

    write: Callable[[Organisation, User], models.Model | None]
    action: Action
    label: str
    changes: dict[str, list[Any]]
    of_organisation: bool = True


CASES = {
    "create_organisation": Case(
        lambda org, u: registry.create_organisation(organisation_data(), actor=u),
        Action.CREATE,
        "registry.organisation",
        {"code": [None, "HTX-S"], "kind": [None, "HTX"], "established": [None, "2018-03-15"]},
    ),
    "update_organisation": Case(
        lambda org, u: (
            registry.update_organisation(
                registry_org := registry.create_organisation(organisation_data()),
                organisation_data(established=D(2019, 1, 1)),
                actor=u,
            )
            and registry_org
        ),
        Action.UPDATE,
        "registry.organisation",
        {"established": ["2018-03-15", "2019-01-01"]},
    ),
    "add_status_change": Case(
        lambda org, u: registry.add_status_change(org, D(2023, 1, 5), "tam-ngung", "QĐ 12", actor=u),
        Action.CREATE,
        "registry.statuschange",
        {"date": [None, "2023-01-05"], "status": [None, "tam-ngung"], "document": [None, "QĐ 12"]},
    ),
    "save_figures (new year)": Case(
        lambda org, u: annual.save_figures(org, 2023, {"members": 20}, u),
        Action.CREATE,
        "annual.annualfigures",
        {"members": [None, 20]},
    ),
    "save_figures (correction)": Case(
        lambda org, u: annual.save_figures(org, 2022, {"members": 15}, u),
        Action.UPDATE,
        "annual.annualfigures",
        {"members": [12, 15]},
    ),
    "save_draft": Case(
        lambda org, u: annual.save_draft(org, 2023, {"members": "7", "revenue": ""}, u),
        Action.CREATE,
        "annual.figuresdraft",
        {"members": [None, "7"]},
    ),
    "discard_draft": Case(
        lambda org, u: discarded(org, u),
        Action.DELETE,
        "annual.figuresdraft",
        {"members": ["7", None]},
    ),
    "record_assessment": Case(
        lambda org, u: ratings.record_assessment(org, 2022, reported_class="Khá", actor=u),
        Action.CREATE,
        "ratings.assessment",
        {"rating": [None, "kha"], "reported_wording": [None, "Khá"]},
    ),
    "rescore": Case(
        lambda org, u: (a := scored(org), ratings.rescore(a, actor=u))[0],
        Action.UPDATE,
        "ratings.assessment",
        {"total": ["90.00", "80.00"]},
    ),
    "record_officers": Case(
        lambda org, u: training.record_officers(org, 2022, 5, 2, 1, actor=u),
        Action.CREATE,
        "training.officertraining",
        {"officers": [None, 5], "trained_basic": [None, 2], "trained_higher": [None, 1]},
    ),
    "record_course": Case(
        lambda org, u: course(u),
        Action.CREATE,
        "training.trainingcourse",
        {"code": [None, "K-1"], "start": [None, "2022-05-10"]},
        of_organisation=False,
    ),
    "add_attendance": Case(
        lambda org, u: training.add_attendance(course(), org, 3, actor=u),
        Action.CREATE,
        "training.attendance",
        {"attendees": [None, 3]},
    ),
    "register_loan": Case(
        lambda org, u: loan(org, u),
        Action.CREATE,
        "support.loan",
        {"code": [None, "V-1"], "amount_requested": [None, 400 * MN], "interest_rate_percent_per_year": [None, "4.8"]},
    ),
    "approve": Case(
        lambda org, u: support.approve(loan(org), D(2022, 1, 10), 400 * MN, schedule=QUARTERS, actor=u),
        Action.APPROVE,
        "support.loan",
        {"approved_on": [None, "2022-01-10"], "amount_approved": [None, 400 * MN], "schedule": [None, 4]},
    ),
    "disburse": Case(
        lambda org, u: support.disburse(approved(org), D(2022, 1, 15), 400 * MN, actor=u),
        Action.CREATE,
        "support.disbursement",
        {"amount": [None, 400 * MN]},
    ),
    "repay": Case(
        lambda org, u: support.repay(
            (v := approved(org), support.disburse(v, D(2022, 1, 15), 400 * MN))[0], D(2022, 3, 31), 100 * MN, actor=u
        ),
        Action.CREATE,
        "support.repayment",
        {"principal": [None, 100 * MN]},
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_every_service_that_writes_leaves_an_entry(org: Organisation, user: User, name: str) -> None:
    case = CASES[name]
    written = case.write(org, user)
    assert written is not None
    entry = Entry.objects.filter(actor=user).get()  # one entry, by the user who called the service
    assert (entry.action, entry.object_label, entry.actor_name) == (case.action, case.label, "canbo")
    assert entry.object_id == (str(written.pk) if written.pk else entry.object_id)
    assert {name: entry.changes.get(name) for name in case.changes} == case.changes
    expected = Organisation.objects.get(code="HTX-S") if "organisation" in name else org
    assert entry.organisation == (expected if case.of_organisation else None)


def test_without_an_actor_the_system_is_named(org: Organisation) -> None:
    annual.save_figures(org, 2022, {"members": 13})
    entry = Entry.objects.get(action=Action.UPDATE, organisation=org)
    assert (entry.actor, entry.actor_name) == (None, SYSTEM)


def test_a_save_that_changes_nothing_leaves_no_entry(org: Organisation, user: User) -> None:
    annual.save_figures(org, 2022, {"members": 12}, user)
    assert not Entry.objects.filter(actor=user).exists()


def test_a_refused_write_leaves_no_entry(org: Organisation, user: User) -> None:
    before = Entry.objects.count()
    with pytest.raises(Exception, match="không được âm"):
        training.record_officers(org, 2022, 5, -1, 0, actor=user)
    assert Entry.objects.count() == before


# --- values ------------------------------------------------------------------------------------------------


def test_snapshots_keep_json_values_and_related_rows_by_name(org: Organisation) -> None:
    values = snapshot(org, ["code", "established", "province", "dissolved"])
    assert values == {"code": "A", "established": "2015-01-01", "province": str(org.province), "dissolved": None}
    assert diff({"a": 1, "b": "", "c": None}, {"a": 2, "b": None, "d": "x"}) == {"a": [1, 2], "d": [None, "x"]}


def test_changes_are_shown_with_vietnamese_labels_and_formats(org: Organisation, user: User) -> None:
    registry.add_status_change(org, D(2023, 1, 5), "tam-ngung", actor=user)
    annual.save_figures(org, 2022, {"members": 1810}, user)
    status, figures = Entry.objects.filter(actor=user).order_by("id")
    assert [(c.label, c.before, c.after) for c in shown_changes(status)] == [
        ("Ngày", "–", "05/01/2023"),
        ("Trạng thái", "–", "Tạm ngừng hoạt động"),
    ]
    assert [(c.label, c.before, c.after) for c in shown_changes(figures)] == [("Thành viên chính thức", "12", "1.810")]


# --- append-only --------------------------------------------------------------------------------------------


def test_entries_cannot_be_changed_or_deleted(org: Organisation, user: User) -> None:
    entry = record(user, Action.UPDATE, org, {"name": ["x", "y"]}, reason="sửa tên")
    entry.reason = "khác"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        Entry.objects.filter(pk=entry.pk).update(reason="khác")
    with pytest.raises(AppendOnly):
        Entry.objects.all().delete()
    assert Entry.objects.get(pk=entry.pk).reason == "sửa tên"


def test_deleting_the_user_or_the_organisation_keeps_the_entry(org: Organisation, user: User) -> None:
    entry = record(user, Action.UPDATE, org, {"name": ["x", "y"]})
    user.delete()
    org.delete()
    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.actor, entry.organisation, entry.actor_name, entry.object_repr) == (None, None, "canbo", str(org))


@pytest.fixture
def superuser(client: Client, db: None) -> Client:
    client.force_login(User.objects.create_superuser("quantri", "", "mat-khau-dai-123"))
    return client


def test_the_admin_shows_entries_read_only(superuser: Client, org: Organisation) -> None:
    entry = record(None, Action.UPDATE, org, {"name": ["x", "y"]})
    assert superuser.get("/admin/audit/entry/").status_code == 200
    assert superuser.get("/admin/audit/entry/add/").status_code == 403
    assert superuser.get(f"/admin/audit/entry/{entry.pk}/delete/").status_code == 403
    response = superuser.post(f"/admin/audit/entry/{entry.pk}/change/", {"reason": "sửa"})
    assert response.status_code == 403
    assert Entry.objects.get(pk=entry.pk).reason == ""


def test_admin_changes_are_recorded(superuser: Client, org: Organisation) -> None:
    from django.urls import reverse

    url = reverse("admin:training_trainingcourse_add")
    data = {
        "code": "K-9",
        "title": "Kế toán HTX",
        "organiser": "Sở Tài chính",
        "level": TrainingLevel.SHORT,
        "start": "10/05/2022",
        "end": "12/05/2022",
        "attendance-TOTAL_FORMS": "1",
        "attendance-INITIAL_FORMS": "0",
        "attendance-0-organisation": str(org.pk),
        "attendance-0-attendees": "2",
    }
    response = superuser.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entries = {e.object_label: e for e in Entry.objects.filter(actor_name="quantri", action=Action.CREATE)}
    assert entries["training.trainingcourse"].changes["code"] == [None, "K-9"]
    assert entries["training.attendance"].organisation == org
    course_pk = TrainingCourse.objects.get(code="K-9").pk
    superuser.post(reverse("admin:training_trainingcourse_delete", args=[course_pk]), {"post": "yes"})
    deleted = Entry.objects.get(action=Action.DELETE, actor_name="quantri")
    assert (deleted.object_label, deleted.object_id, deleted.changes["code"]) == (
        "training.trainingcourse",
        str(course_pk),
        ["K-9", None],
    )


# --- pages -------------------------------------------------------------------------------------------------


def test_the_organisation_page_shows_its_latest_changes(superuser: Client, org: Organisation) -> None:
    annual.save_figures(org, 2022, {"members": 15})
    registry.add_status_change(org, D(2023, 1, 5), "tam-ngung", note="Thiếu vốn")
    html = superuser.get(f"/to-chuc/{org.pk}/").content.decode()
    assert "Lịch sử thay đổi" in html
    assert "Thành viên chính thức:" in html and "<del>12</del>" in html and "<ins>15</ins>" in html
    assert "Tạm ngừng hoạt động" in html and "hệ thống" in html
    assert '<th scope="col">Thời gian</th>' in html
    assert "/nhat-ky/?organisation=A" in html


def test_the_organisation_page_hides_the_history_from_those_not_allowed(
    client: Client, org: Organisation, user: User
) -> None:
    user.is_superuser = False
    client.force_login(user)
    html = client.get(f"/to-chuc/{org.pk}/").content.decode()
    assert "Lịch sử thay đổi" not in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("without an account", 403), ("province officer", 200), ("superuser", 200)],
)
def test_who_may_read_the_audit_trail(client: Client, db: None, who: str, status: int) -> None:
    if who == "province officer":
        client.force_login(province_officer("nguoi"))
    elif who != "anonymous":
        person = User.objects.create_user("nguoi", password="mat-khau-dai-123", is_superuser=who == "superuser")
        client.force_login(person)
    response = client.get("/nhat-ky/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/dang-nhap/?next=")
    menu = client.get("/cong-khai/").content.decode()
    assert ('href="/nhat-ky/"' in menu) == (status == 200)


def test_the_audit_trail_filters_and_pages(superuser: Client, org: Organisation, user: User) -> None:
    for members in range(13, 13 + 55):
        annual.save_figures(org, 2022, {"members": members}, user)
    annual.save_figures(org, 2022, {"members": 1})  # by the system
    other = Organisation.objects.create(
        code="B", name="HTX B", kind="HTX", province=org.province, established=D(2015, 1, 1)
    )
    record(None, Action.UPDATE, other, {"name": ["x", "y"]})
    page = superuser.get("/nhat-ky/", {"organisation": "a", "user": "canbo"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 55
    assert len(page.context["rows"]) == 50
    assert "organisation=a&amp;user=canbo&amp;page=2" in page.content.decode()
    assert superuser.get("/nhat-ky/", {"organisation": "B"}).context["page"].paginator.count == 1
    assert superuser.get("/nhat-ky/", {"action": "login", "user": "quantri"}).context["page"].paginator.count == 1
    today = dt.date.today()
    assert (
        superuser.get("/nhat-ky/", {"organisation": "A", "until": f"{today - dt.timedelta(days=1):%Y-%m-%d}"})
        .context["page"]
        .paginator.count
        == 0
    )
    since = superuser.get("/nhat-ky/", {"since": f"{today:%Y-%m-%d}", "user": "hệ thống", "organisation": "A"})
    assert since.context["page"].paginator.count == 1
