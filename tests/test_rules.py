"""Legal rules by date (shared/domain.md §1–2; issue 2, deliverable 6).

Every threshold is checked on both sides of its value and on both sides of the start date of each
instrument: Law 23/2012/QH13 (1/7/2013–30/6/2024), Law 17/2023/QH15 (from 1/7/2024),
Decree 151/2007/NĐ-CP (THT ≥ 3 members, until Decree 77/2019/NĐ-CP took over on 25/11/2019).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pytest

from kttt.annual.models import AnnualFigures
from kttt.exchange.importer import ImportFailed
from kttt.registry.models import Organisation
from kttt.rules.checks import Finding, RuleBook
from kttt.rules.models import LegalRule
from tests.conftest import Loader

D = dt.date
LAW_2012 = "23/2012/QH13"
LAW_2023 = "17/2023/QH15"
DECREE_151 = "151/2007/NĐ-CP"
DECREE_77 = "77/2019/NĐ-CP"

LAW_2012_START = D(2013, 7, 1)
LAW_2023_START = D(2024, 7, 1)
DECREE_77_START = D(2019, 11, 25)
DAY_BEFORE = dt.timedelta(days=1)

RECORD = "HTX Mẫu Sơn (mã MS-A)"  # no digits, so numbers in the message come from the finding


def check(kind: str, values: Mapping[str, int | None], day: dt.date) -> list[Finding]:
    return RuleBook.load().check_figures(kind, values, day, RECORD)


def without_citations(message: str) -> str:
    """The message with every rule's citation and consequence removed: what is left must still carry
    the figures themselves (an article number such as "khoản 1 Điều 3" must not pass for a figure)."""
    for rule in LegalRule.objects.all():
        for text in (rule.consequence, rule.citation, rule.instrument, rule.article):
            if text:
                message = message.replace(text, "")
    return message


# (kind, members, day, instrument expected in the warning or None, threshold it names)
MIN_MEMBERS = [
    # HTX: 7 under Law 23/2012 until 30/6/2024, 5 under Law 17/2023 from 1/7/2024.
    ("HTX", 6, LAW_2023_START - DAY_BEFORE, LAW_2012, 7),
    ("HTX", 6, LAW_2023_START, None, None),
    ("HTX", 7, LAW_2023_START - DAY_BEFORE, None, None),
    ("HTX", 8, LAW_2023_START - DAY_BEFORE, None, None),
    ("HTX", 4, LAW_2023_START - DAY_BEFORE, LAW_2012, 7),
    ("HTX", 4, LAW_2023_START, LAW_2023, 5),
    ("HTX", 5, LAW_2023_START, None, None),
    ("HTX", 6, LAW_2012_START, LAW_2012, 7),
    ("HTX", 6, D(2018, 12, 31), LAW_2012, 7),
    ("HTX", 4, D(2025, 12, 31), LAW_2023, 5),
    # QTDND is a kind of HTX: the same rules.
    ("QTDND", 6, LAW_2023_START - DAY_BEFORE, LAW_2012, 7),
    ("QTDND", 6, LAW_2023_START, None, None),
    ("QTDND", 7, LAW_2023_START - DAY_BEFORE, None, None),
    ("QTDND", 4, LAW_2023_START - DAY_BEFORE, LAW_2012, 7),
    ("QTDND", 4, LAW_2023_START, LAW_2023, 5),
    ("QTDND", 5, LAW_2023_START, None, None),
    # LH HTX: 4 member HTX under Law 23/2012, 3 under Law 17/2023.
    ("LHHTX", 3, LAW_2023_START - DAY_BEFORE, LAW_2012, 4),
    ("LHHTX", 3, LAW_2023_START, None, None),
    ("LHHTX", 4, LAW_2023_START - DAY_BEFORE, None, None),
    ("LHHTX", 2, LAW_2023_START - DAY_BEFORE, LAW_2012, 4),
    ("LHHTX", 2, LAW_2023_START, LAW_2023, 3),
    ("LHHTX", 3, LAW_2012_START, LAW_2012, 4),
    # THT: 3 under Decree 151/2007 until 24/11/2019, 2 under Decree 77/2019, then Law 17/2023.
    ("THT", 2, DECREE_77_START - DAY_BEFORE, DECREE_151, 3),
    ("THT", 2, DECREE_77_START, None, None),
    ("THT", 3, DECREE_77_START - DAY_BEFORE, None, None),
    ("THT", 1, DECREE_77_START - DAY_BEFORE, DECREE_151, 3),
    ("THT", 1, DECREE_77_START, DECREE_77, 2),
    ("THT", 1, LAW_2023_START - DAY_BEFORE, DECREE_77, 2),
    ("THT", 1, LAW_2023_START, LAW_2023, 2),
    ("THT", 2, LAW_2023_START - DAY_BEFORE, None, None),
    ("THT", 2, LAW_2023_START, None, None),
    ("THT", 2, D(2018, 12, 31), DECREE_151, 3),
]


@pytest.mark.parametrize(("kind", "members", "day", "law", "threshold"), MIN_MEMBERS)
def test_it_warns_when_members_are_below_the_minimum_in_force(
    db: None, kind: str, members: int, day: dt.date, law: str | None, threshold: int | None
) -> None:
    findings = check(kind, {"members": members}, day)
    if law is None:
        assert findings == []
        return
    assert len(findings) == 1
    message = findings[0].message
    assert law in message
    assert RECORD in message
    figures = without_citations(message)
    assert re.search(rf"(?<![\d.,]){members}(?![\d.,]\d)", figures), message
    assert re.search(rf"(?<![\d.,]){threshold}(?![\d.,]\d)", figures), message


@pytest.mark.parametrize("kind", ["HTX", "QTDND", "LHHTX"])
def test_it_applies_no_2012_law_threshold_before_the_law_took_effect(db: None, kind: str) -> None:
    before = check(kind, {"members": 2}, LAW_2012_START - DAY_BEFORE)
    on_start = check(kind, {"members": 2}, LAW_2012_START)
    assert not any(LAW_2012 in f.message for f in before)
    assert any(LAW_2012 in f.message for f in on_start)


@pytest.mark.parametrize("kind", ["THT", "HTX", "QTDND", "LHHTX"])
def test_it_does_not_warn_when_the_member_count_is_unknown(db: None, kind: str) -> None:
    assert check(kind, {"members": None}, D(2024, 12, 31)) == []
    assert check(kind, {}, D(2018, 12, 31)) == []


CHARTER = 1_000_000_000


def share(percent: int, extra: int = 0) -> int:
    return CHARTER * percent // 100 + extra


# (kind, one member's capital, day, instrument or None, cap in %)
MEMBER_CAPITAL = [
    # HTX: ≤ 20% under Law 23/2012, ≤ 30% under Law 17/2023.
    ("HTX", share(20), LAW_2023_START - DAY_BEFORE, None, None),
    ("HTX", share(20, 1), LAW_2023_START - DAY_BEFORE, LAW_2012, 20),
    ("HTX", share(21), LAW_2023_START - DAY_BEFORE, LAW_2012, 20),
    ("HTX", share(21), LAW_2023_START, None, None),
    ("HTX", share(30), LAW_2023_START, None, None),
    ("HTX", share(30, 1), LAW_2023_START, LAW_2023, 30),
    ("HTX", share(31), LAW_2023_START - DAY_BEFORE, LAW_2012, 20),
    ("HTX", share(31), LAW_2023_START, LAW_2023, 30),
    ("HTX", share(21), LAW_2012_START, LAW_2012, 20),
    ("QTDND", share(20), LAW_2023_START - DAY_BEFORE, None, None),
    ("QTDND", share(21), LAW_2023_START - DAY_BEFORE, LAW_2012, 20),
    ("QTDND", share(21), LAW_2023_START, None, None),
    ("QTDND", share(31), LAW_2023_START, LAW_2023, 30),
    # LH HTX: ≤ 30% under Law 23/2012, ≤ 40% under Law 17/2023.
    ("LHHTX", share(30), LAW_2023_START - DAY_BEFORE, None, None),
    ("LHHTX", share(30, 1), LAW_2023_START - DAY_BEFORE, LAW_2012, 30),
    ("LHHTX", share(35), LAW_2023_START - DAY_BEFORE, LAW_2012, 30),
    ("LHHTX", share(35), LAW_2023_START, None, None),
    ("LHHTX", share(40), LAW_2023_START, None, None),
    ("LHHTX", share(40, 1), LAW_2023_START, LAW_2023, 40),
    ("LHHTX", share(45), LAW_2023_START, LAW_2023, 40),
    # THT: no capital cap in either regime.
    ("THT", share(90), LAW_2023_START - DAY_BEFORE, None, None),
    ("THT", share(90), LAW_2023_START, None, None),
]


@pytest.mark.parametrize(("kind", "amount", "day", "law", "cap"), MEMBER_CAPITAL)
def test_it_warns_when_one_members_capital_exceeds_the_cap_in_force(
    db: None, kind: str, amount: int, day: dt.date, law: str | None, cap: int | None
) -> None:
    findings = check(kind, {"charter_capital": CHARTER, "max_member_capital": amount}, day)
    if law is None:
        assert findings == []
        return
    assert len(findings) == 1
    message = findings[0].message
    assert law in message
    assert RECORD in message
    assert re.search(rf"(?<![\d.,]){cap}\s?%", without_citations(message)), message


# (kind, foreign capital, day, warns)
FOREIGN_CAPITAL = [
    ("HTX", share(31), LAW_2023_START - DAY_BEFORE, False),
    ("HTX", share(31), LAW_2023_START, True),
    ("HTX", share(30), LAW_2023_START, False),
    ("HTX", share(30, 1), LAW_2023_START, True),
    ("QTDND", share(31), LAW_2023_START - DAY_BEFORE, False),
    ("QTDND", share(31), LAW_2023_START, True),
    ("LHHTX", share(31), LAW_2023_START - DAY_BEFORE, False),
    ("LHHTX", share(31), LAW_2023_START, True),
    ("LHHTX", share(30), LAW_2023_START, False),
    ("HTX", share(80), D(2018, 12, 31), False),
]


@pytest.mark.parametrize(("kind", "amount", "day", "warns"), FOREIGN_CAPITAL)
def test_it_warns_when_foreign_capital_exceeds_30_percent_only_from_1_7_2024(
    db: None, kind: str, amount: int, day: dt.date, warns: bool
) -> None:
    findings = check(kind, {"charter_capital": CHARTER, "foreign_capital": amount}, day)
    if not warns:
        assert findings == []
        return
    assert len(findings) == 1
    assert LAW_2023 in findings[0].message
    assert RECORD in findings[0].message
    assert re.search(r"(?<![\d.,])30\s?%", without_citations(findings[0].message))


def test_it_does_not_check_capital_shares_without_charter_capital(db: None) -> None:
    values: dict[str, int | None] = {"charter_capital": None, "max_member_capital": 10, "foreign_capital": 10}
    assert check("HTX", values, D(2024, 12, 31)) == []


def test_it_reports_every_rule_broken_at_once(db: None) -> None:
    values = {"members": 4, "charter_capital": CHARTER, "max_member_capital": share(35)}
    values["foreign_capital"] = share(35)
    findings = check("HTX", values, D(2024, 12, 31))
    assert len(findings) == 3
    assert all(LAW_2023 in f.message for f in findings)


@pytest.mark.parametrize(
    ("kind", "members", "day"),
    [
        ("HTX", 6, D(2020, 12, 31)),
        ("HTX", 4, D(2024, 12, 31)),
        ("LHHTX", 2, D(2024, 12, 31)),
        ("THT", 1, D(2024, 12, 31)),
        ("THT", 2, D(2018, 12, 31)),
    ],
)
def test_it_treats_too_few_members_as_a_warning_by_default(db: None, kind: str, members: int, day: dt.date) -> None:
    # Too few members is a ground for compulsory dissolution after 12 months, not a reason to refuse
    # the record (issue 2, deliverable 6).
    findings = check(kind, {"members": members}, day)
    assert findings
    assert not any(f.blocking for f in findings)


def htx_2023_min_members_rule() -> LegalRule:
    rules = [
        r
        for r in LegalRule.objects.filter(measure="min-members", valid_from=LAW_2023_START)
        if "HTX" in r.kind_list and LAW_2023 in r.instrument
    ]
    assert len(rules) == 1
    return rules[0]


def test_it_blocks_when_an_officer_makes_the_rule_an_error(db: None) -> None:
    day = D(2024, 12, 31)
    assert not check("HTX", {"members": 4}, day)[0].blocking
    rule = htx_2023_min_members_rule()
    rule.severity = "error"
    rule.save()
    findings = check("HTX", {"members": 4}, day)
    assert len(findings) == 1
    assert findings[0].blocking
    assert findings[0].severity == "error"
    # The rule only blocks where it is in force.
    assert check("HTX", {"members": 6}, day) == []
    assert not check("HTX", {"members": 6}, D(2023, 12, 31))[0].blocking


ORG = {"code": "HTX-SEV", "established": "2010-01-01"}
ROW = {"code": "HTX-SEV", "year": "2024", "members": "4"}


def test_it_imports_a_row_breaking_a_warning_rule_with_a_warning(load: Loader) -> None:
    result = load(organizations=[ORG], annual=[ROW])
    assert result.errors == []
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.column == "members"
    assert warning.row == 2
    assert LAW_2023 in warning.message
    assert "HTX-SEV" in warning.message
    assert AnnualFigures.objects.get(organisation__code="HTX-SEV", year=2024).members == 4


def test_it_refuses_an_import_breaking_a_rule_made_an_error(load: Loader) -> None:
    LegalRule.objects.filter(pk=htx_2023_min_members_rule().pk).update(severity="error")
    with pytest.raises(ImportFailed) as failed:
        load(organizations=[ORG], annual=[ROW])
    errors = failed.value.result.errors
    assert len(errors) == 1
    assert errors[0].column == "members"
    assert errors[0].row == 2
    assert LAW_2023 in errors[0].message
    assert Organisation.objects.count() == 0
    assert AnnualFigures.objects.count() == 0


def test_it_still_imports_a_year_where_the_error_rule_is_not_in_force(load: Loader) -> None:
    LegalRule.objects.filter(pk=htx_2023_min_members_rule().pk).update(severity="error")
    # 6 members at the end of 2024 satisfy Law 17/2023; in 2023 they broke Law 23/2012 (a warning).
    result = load(
        organizations=[ORG],
        annual=[{**ROW, "members": "6"}, {"code": "HTX-SEV", "year": "2023", "members": "6"}],
    )
    assert result.errors == []
    assert [w.row for w in result.warnings] == [3]
    assert LAW_2012 in result.warnings[0].message
    assert AnnualFigures.objects.filter(organisation__code="HTX-SEV").count() == 2


@pytest.mark.parametrize(
    ("as_of", "law"),
    [("30/06/2024", LAW_2012), ("01/07/2024", None), ("", None)],
)
def test_the_import_applies_the_law_in_force_on_the_figures_date(load: Loader, as_of: str, law: str | None) -> None:
    # 6 members: too few under Law 23/2012 (7), enough under Law 17/2023 (5). Without as_of the
    # figures describe 31/12/2024.
    result = load(
        organizations=[ORG],
        annual=[{"code": "HTX-SEV", "year": "2024", "members": "6", "as_of": as_of}],
    )
    if law is None:
        assert result.warnings == []
    else:
        assert len(result.warnings) == 1
        assert law in result.warnings[0].message
