"""Load the official unit lists shipped in kttt/areas/data (see its README) into the database."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kttt.areas.models import LAST_DAY_BEFORE_REFORM, REFORM_DATE, Level, Scheme, short_name
from kttt.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"


def rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_units(unit_model: Any, commune_mapping_model: Any, province_mapping_model: Any) -> None:
    """Create every unit and mapping. Takes the model classes so migrations can pass historical ones."""
    before = {"scheme": Scheme.BEFORE_2025, "valid_from": None, "valid_to": LAST_DAY_BEFORE_REFORM}
    after = {"scheme": Scheme.FROM_2025, "valid_from": REFORM_DATE, "valid_to": None}

    def make(level: str, row: dict[str, str], extra: dict[str, Any], **links: Any) -> Any:
        return unit_model(
            level=level,
            code=row["code"],
            name=row["name"],
            division_type=row["division_type"],
            search_name=fold(short_name(row["name"], row["division_type"])),
            **extra,
            **links,
        )

    def create(objs: list[Any]) -> dict[str, Any]:
        created = unit_model.objects.bulk_create(objs, batch_size=2000)
        return {obj.code: obj for obj in created}

    old_prov = create([make(Level.PROVINCE, r, before) for r in rows("provinces_before_2025.csv")])
    new_prov = create([make(Level.PROVINCE, r, after) for r in rows("provinces_2025.csv")])
    # bulk_create on SQLite returns primary keys, so self-links can be set in a second pass.
    for group in (old_prov, new_prov):
        for unit in group.values():
            unit.province = unit
        unit_model.objects.bulk_update(group.values(), ["province"])

    districts = create(
        [
            make(
                Level.DISTRICT,
                r,
                before,
                parent=old_prov[r["province_code"]],
                province=old_prov[r["province_code"]],
            )
            for r in rows("districts_before_2025.csv")
        ]
    )
    old_communes = create(
        [
            make(
                Level.COMMUNE,
                r,
                before,
                parent=districts[r["district_code"]],
                province=old_prov[r["province_code"]],
            )
            for r in rows("communes_before_2025.csv")
        ]
    )
    new_communes = create(
        [
            make(
                Level.COMMUNE,
                r,
                after,
                parent=new_prov[r["province_code"]],
                province=new_prov[r["province_code"]],
            )
            for r in rows("communes_2025.csv")
        ]
    )
    province_mapping_model.objects.bulk_create(
        province_mapping_model(old=old_prov[r["old_province_code"]], new=new_prov[r["new_province_code"]])
        for r in rows("province_mapping_2025.csv")
    )
    commune_mapping_model.objects.bulk_create(commune_mappings(commune_mapping_model, old_communes, new_communes))


def commune_mappings(model: Any, old: dict[str, Any], new: dict[str, Any]) -> list[Any]:
    by_old: dict[str, list[dict[str, str]]] = {}
    for row in rows("commune_mapping_2025.csv"):
        # A few rows name old communes absent from the pre-2025 list (merged earlier, in late 2024):
        # nothing can be located there, so they carry no information for us.
        if row["old_commune_code"] not in old:
            continue
        by_old.setdefault(row["old_commune_code"], []).append(row)
    result = []
    for old_code, targets in by_old.items():
        codes = [t["new_commune_code"] for t in targets]
        primary = old_code if old_code in codes else codes[0]
        for target in targets:
            result.append(
                model(
                    old=old[old_code],
                    new=new[target["new_commune_code"]],
                    partly_merged=target["partly_merged"] == "1",
                    primary=target["new_commune_code"] == primary,
                )
            )
    return result
