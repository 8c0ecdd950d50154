"""The sheets of a demo data package, as the importer reads them (docs/data-package.md)."""

from __future__ import annotations

from kttt.demo.places import PROVINCE
from kttt.demo.population import Episode, Link, Org, iso

ORG_COLUMNS = ("code", "name", "kind", "sector", "province", "area", "established", "dissolved")
UNION_COLUMNS = ("union_code", "member_code", "joined", "left")
STATUS_COLUMNS = ("code", "date", "status", "note")

Row = dict[str, str]
Package = dict[str, list[Row]]


def sheets(orgs: list[Org], links: list[Link], episodes: list[Episode]) -> Package:
    """The organizations, union_members and statuses sheets; an organisation without a province of its own is in
    Lạng Sơn."""
    organizations = [
        {"code": org.code, "name": org.name, "kind": org.kind, "sector": org.sector,
         "province": org.province or PROVINCE, "area": org.area,
         "established": iso(org.established), "dissolved": iso(org.dissolved)}
        for org in sorted(orgs, key=lambda org: org.code)
    ]  # fmt: skip
    members = [
        {"union_code": link.union, "member_code": link.member,
         "joined": iso(link.joined), "left": iso(link.left)}
        for link in sorted(links, key=lambda link: (link.union, link.joined, link.member))
    ]  # fmt: skip
    statuses: list[Row] = []
    for code, start, end in sorted(episodes):
        statuses.append({"code": code, "date": iso(start), "status": "tam-ngung",
                         "note": "Tạm ngừng hoạt động để củng cố tổ chức, sắp xếp lại sản xuất"})  # fmt: skip
        statuses.append({"code": code, "date": iso(end), "status": "hoat-dong",
                         "note": "Hoạt động trở lại sau thời gian tạm ngừng"})  # fmt: skip
    return {"organizations": organizations, "union_members": members, "statuses": statuses}
