"""A real Excel 97-2003 workbook (.xls, BIFF8) as old provincial spreadsheets are: merged title rows, Vietnamese
headers, a true Excel date and a dd/mm/yyyy text date, "1.810" typed as text, and a name typed in the TCVN3
(.VnTime) font. The file tests/files/chi-lang-2018.xls was written once with the xlwt package (which KTTT does not
depend on); its name cell holds the TCVN3 bytes of "Hợp tác xã Nông nghiệp Chi Lăng" as produced by the
independent encoder of tests/test_legacy_encodings.py."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kttt.annual.models import AnnualFigures
from kttt.exchange.importer import ImportFailed, import_package
from kttt.registry.models import Organisation

WORKBOOK = Path(__file__).parent / "files" / "chi-lang-2018.xls"


def test_an_xls_workbook_imports_after_a_dry_run_that_explains_everything(db: None) -> None:
    dry = import_package(WORKBOOK, dry_run=True)
    assert Organisation.objects.count() == 0
    assert (dry.counts["organizations"].created, dry.counts["annual"].created) == (2, 2)
    said = "\n".join(str(w) for w in dry.warnings)
    assert "trang Tổ chức: Dòng tiêu đề là dòng 3; bỏ qua 2 dòng phía trên" in said
    assert "1 ô được chuyển từ" in said and "TCVN3" in said
    import_package(WORKBOOK)
    first = Organisation.objects.get(code="HTX-XLS1")
    assert (first.name, first.kind, first.established) == (
        "Hợp tác xã Nông nghiệp Chi Lăng",
        "HTX",
        dt.date(2012, 4, 20),
    )
    second = Organisation.objects.get(code="HTX-XLS2")
    assert (second.kind, second.sector, second.established) == ("HTX", "van-tai", dt.date(2015, 9, 5))
    figures = {f.organisation.code: f for f in AnnualFigures.objects.select_related("organisation")}
    assert (figures["HTX-XLS1"].members, figures["HTX-XLS1"].charter_capital) == (1810, 274_000_000)
    assert (figures["HTX-XLS2"].workers, figures["HTX-XLS2"].charter_capital) == (9, 1_500_000_000)
    again = import_package(WORKBOOK)
    assert again.counts["organizations"].unchanged == 2 and again.counts["annual"].unchanged == 2


def test_an_xls_file_with_the_xlsx_extension_is_refused_clearly(db: None, tmp_path: Path) -> None:
    renamed = tmp_path / "so-lieu.xlsx"
    shutil.copy(WORKBOOK, renamed)
    with pytest.raises((ImportFailed, ValueError)) as refused:
        import_package(renamed)
    assert "so-lieu.xlsx" in str(refused.value) and ".xls" in str(refused.value)
    assert Organisation.objects.count() == 0
