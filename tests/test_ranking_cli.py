"""`kttt models --sector S [--area A] [--year Y] [--top N] [--json]` and `kttt models --code C`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import Loader
from tests.test_ranking import HUU_LUNG, figures, htx


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("models", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def data(load: Loader) -> None:
    load(
        organizations=[
            *(htx(f"H{i}", area=HUU_LUNG) for i in range(1, 6)),
            htx("DL", area="Huyện Đình Lập"),
            htx("SHOP", sector="thuong-mai"),
        ],
        annual=[
            *(figures(f"H{i}", 2023, members=10) for i in range(1, 6)),
            *(
                figures(f"H{i}", revenue=i * 1_000_000_000, profit=i * 10_000_000, avg_income=50_000_000 + i,
                        members=10 + i, rating="tot")
                for i in range(1, 6)
            ),
            figures("DL", revenue=100_000_000),
        ],
    )  # fmt: skip


@pytest.mark.parametrize("sector", ["nông nghiệp", "NONG NGHIEP", "nong-nghiep", "Nông nghiệp"])
def test_the_table_ranks_the_sector(data: None, sector: str) -> None:
    out = run("--sector", sector, "--year", "2024")
    assert "Mô hình hiệu quả — ngành nông nghiệp, Tỉnh Lạng Sơn, năm 2024" in out
    assert "6 HTX đang hoạt động tại 31/12/2024; 5 HTX được xếp hạng" in out
    lines = out.splitlines()
    first = next(line for line in lines if "H5" in line)
    assert first.split()[:2] == ["1", "H5"]
    assert "5.000" in first and "Tốt" in first
    assert next(line for line in lines if " DL " in line).split()[:2] == ["–", "DL"]
    assert "SHOP" not in out


def test_the_shortlist_gives_reasons(data: None) -> None:
    out = run("--sector", "nong nghiep", "--year", "2024", "--top", "2")
    assert "Đề xuất nhân rộng (2 HTX):" in out
    assert "1. Hợp tác xã H5 (H5) — hạng 1/5" in out
    assert "Doanh thu 5 tỷ đồng, đứng thứ 1/6 trong ngành nông nghiệp" in out
    assert "thành viên tăng 50%" in out
    assert "(H3)" not in out.split("Đề xuất")[1]


def test_the_year_defaults_to_the_latest_with_figures(data: None) -> None:
    assert "năm 2024" in run("--sector", "nong-nghiep")


def test_an_area_narrows_the_group(data: None) -> None:
    out = run("--sector", "nong-nghiep", "--year", "2024", "--area", "Huyện Hữu Lũng")
    assert "Huyện Hữu Lũng, Tỉnh Lạng Sơn" in out
    assert "5 HTX đang hoạt động" in out and " DL " not in out


def test_json_has_stable_english_keys(data: None) -> None:
    result = json.loads(run("--sector", "nong-nghiep", "--year", "2024", "--json"))
    assert set(result) == {
        "year", "sector", "province", "area", "peers", "ranked", "min_figures", "reporting", "medians",
        "ranking", "shortlist",
    }  # fmt: skip
    assert (result["year"], result["sector"], result["area"]) == (2024, "nong-nghiep", None)
    top = result["ranking"][0]
    assert (top["rank"], top["code"]) == (1, "H5")
    assert top["figures"]["revenue"] == {"value": 5_000_000_000, "rank": 1, "percentile": pytest.approx(100 * 5.5 / 6)}
    assert top["figures"]["rating"]["value"] == "tot"
    assert result["ranking"][-1]["rank"] is None
    assert result["shortlist"][0]["reasons"][0].startswith("Doanh thu 5 tỷ đồng")


def test_the_benchmark_of_one_htx(data: None) -> None:
    out = run("--code", "H2", "--year", "2024")
    assert "Nhóm so sánh: 5 HTX ngành nông nghiệp tại Huyện Hữu Lũng." in out
    assert "Doanh thu: 2 tỷ đồng; thứ 4/5; phân vị 30" in out
    small = run("--code", "dl", "--year", "2024")
    assert "tại Tỉnh Lạng Sơn (địa bàn của HTX có dưới 5 HTX cùng ngành nên so với toàn tỉnh)" in small
    assert "Lợi nhuận: chưa có số liệu; chưa có số liệu" in small
    result = json.loads(run("--code", "H2", "--year", "2024", "--json"))
    assert result["group"] == {"label": "Huyện Hữu Lũng", "fallback_to_province": False, "peers": 5}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sector", "nông dân"], "Lĩnh vực “nông dân” không hợp lệ"),
        (["--sector", "nong-nghiep", "--area", "Atlantis"], "Không tìm thấy"),
        (["--sector", "nong-nghiep", "--year", "1800"], "Năm 1800 không hợp lệ"),
        (["--sector", "nong-nghiep", "--top", "0"], "--top phải là số nguyên dương"),
        (["--sector", "xay-dung"], "Chưa có số liệu năm nào"),
        ([], "Cần chọn lĩnh vực"),
        (["--code", "NOPE"], "Không tìm thấy tổ chức có mã “NOPE”"),
        (["--code", "H1", "--year", "2010"], "không phải HTX đang hoạt động tại 31/12/2010"),
    ],
)
def test_errors_are_explained_in_vietnamese(data: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
