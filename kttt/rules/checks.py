"""Apply the dated legal rules to an organisation's yearly figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from kttt.rules.models import LegalRule, Measure, Severity


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    message: str

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.ERROR


class RuleBook:
    """All legal rules, loaded once so that checking thousands of rows costs one query."""

    def __init__(self, rules: Iterable[LegalRule]):
        self.rules = list(rules)
        # The rules of each (measure, kind): an import asks for the same few pairs on every row.
        self._by_measure_kind: dict[tuple[str, str], list[LegalRule]] = {}

    @classmethod
    def load(cls) -> RuleBook:
        return cls(LegalRule.objects.all())

    def in_force(self, measure: str, kind: str, day: dt.date) -> list[LegalRule]:
        key = (measure, kind)
        if key not in self._by_measure_kind:
            self._by_measure_kind[key] = [r for r in self.rules if r.measure == measure and kind in r.kind_list]
        return [r for r in self._by_measure_kind[key] if r.in_force_on(day)]

    def check_figures(self, kind: str, values: Mapping[str, int | None], day: dt.date, record: str) -> list[Finding]:
        findings: list[Finding] = []
        members = values.get("members")
        for rule in self.in_force(Measure.MIN_MEMBERS, kind, day):
            if members is not None and members < rule.threshold:
                findings.append(_min_members(rule, members, record))
        charter = values.get("charter_capital")
        if not charter:
            return findings
        shares = {
            Measure.MAX_MEMBER_CAPITAL_SHARE: values.get("max_member_capital"),
            Measure.MAX_FOREIGN_CAPITAL_SHARE: values.get("foreign_capital"),
        }
        for measure, amount in shares.items():
            if amount is None:
                continue
            share = Decimal(amount) * 100 / Decimal(charter)
            for rule in self.in_force(measure, kind, day):
                if share > rule.threshold:
                    findings.append(_capital_share(rule, share, record))
        return findings


def _min_members(rule: LegalRule, members: int, record: str) -> Finding:
    who = "HTX thành viên" if "LHHTX" in rule.kind_list else "thành viên"
    message = f"{record}: có {members} {who}, dưới mức tối thiểu {rule.threshold:.0f} theo {rule.citation}."
    if rule.consequence:
        message += f" {rule.consequence}"
    return Finding(rule.severity, rule.code, message)


def _capital_share(rule: LegalRule, share: Decimal, record: str) -> Finding:
    what = "vốn góp nước ngoài" if rule.measure == Measure.MAX_FOREIGN_CAPITAL_SHARE else "vốn góp của một thành viên"
    return Finding(
        rule.severity,
        rule.code,
        f"{record}: {what} bằng {_percent(share)} vốn điều lệ, vượt mức tối đa {rule.threshold:.0f}% "
        f"theo {rule.citation}.",
    )


def _percent(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"
