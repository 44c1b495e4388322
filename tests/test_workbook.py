"""The xlsx export read back with openpyxl: sheets and headers in the user's language, date cells,
exact amounts and their total, lists, yes/no, frozen header, widths; and `cadre export --format xlsx`."""

from __future__ import annotations

import datetime
import io
import os
import shlex
import stat
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tui.core import workbook
from tui.core.i18n import set_language
from tui.core.records import KINDS
from tui.core.store import Store

RunCadre = Callable[..., subprocess.CompletedProcess[str]]
VISIT_HEADERS_ZH = [
    "日期",
    "事由",
    "对象",
    "部门",
    "我的角色",
    "慰问人员",
    "形式",
    "金额",
    "经费来源",
    "跟进期限",
    "已跟进",
    "备注",
]
VISIT_HEADERS_EN = [
    "date",
    "occasion",
    "person",
    "dept",
    "my role",
    "visitors",
    "form",
    "amount",
    "fund source",
    "follow-up due",
    "follow-up done",
    "note",
]

# a talk campaign of two months
TALK_MONTHS = dict(kind="talk", title="谈心月", start="2026-03", end="2026-04", monthly_quota=2)


def read(payload: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(payload))


def rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def visit(store: Store, **values: Any) -> dict[str, Any]:
    return store.add("visit", {"date": "2026-03-11", "occasion": "住院", "person": "李强"} | values)


@pytest.fixture
def filled(store: Store) -> dict[str, Any]:
    """A talk campaign with a talk, a study day, and two visits (one with visitors and money)."""
    campaign = store.add("campaign", TALK_MONTHS)
    return {
        "campaign": campaign,
        "talk": store.add(
            "talk",
            {"campaign_id": campaign["id"], "date": "2026-03-10", "person": "王芳"},
        ),
        "study": store.add("study", {"date": "2026-03-17", "points": 35}),
        "visits": [
            visit(
                store,
                amount="1234567.89",
                visitors=["张伟", "赵敏"],
                follow_up_due="2026-03-20",
                follow_up_done=True,
            ),
            visit(store, date="2026-03-02", person="欧阳娜娜娜娜", amount="500"),
        ],
    }


# in the core ---------------------------------------------------------------------------------


def test_one_sheet_per_kind_with_zh_headers_dates_amounts_lists_and_yes_no(
    store: Store, filled: dict[str, Any]
) -> None:
    set_language("zh")
    book = read(workbook.export_xlsx(store))
    assert book.sheetnames == [
        "学习积分",
        "集中学习",
        "征文·谈心活动",
        "征文",
        "谈心谈话",
        "文体活动",
        "关爱慰问",
        "通讯录",
    ]
    sheet = book["关爱慰问"]
    header, early, later, total = rows(sheet)
    assert list(header) == VISIT_HEADERS_ZH
    assert early[:3] == (datetime.datetime(2026, 3, 2), "住院", "欧阳娜娜娜娜")
    assert early[7] == 500 and early[10] == "否"
    assert later[5] == "张伟、赵敏" and later[7] == 1234567.89
    assert later[9] == datetime.datetime(2026, 3, 20) and later[10] == "是"
    assert total[0] == "合计" and total[7] == 1235067.89
    assert sheet["A2"].is_date and sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["J3"].is_date and sheet["J3"].number_format == "yyyy-mm-dd"
    assert {sheet[f"H{row}"].number_format for row in (2, 3, 4)} == {"#,##0.00"}
    assert sheet.freeze_panes == "A2"
    campaign, talk = book["征文·谈心活动"], book["谈心谈话"]
    assert rows(campaign)[1][:5] == (
        "谈心谈话",
        "谈心月",
        datetime.datetime(2026, 3, 1),
        datetime.datetime(2026, 4, 1),
        2,
    )
    assert campaign["C2"].number_format == "yyyy-mm"
    assert rows(talk)[1][:3] == ("谈心月", datetime.datetime(2026, 3, 10), "王芳")  # by title
    assert rows(book["学习积分"]) == [
        ("日期", "当日积分", "总积分", "积分明细", "备注"),
        (datetime.datetime(2026, 3, 17), 35, None, None, None),
    ]


def test_headers_sheets_and_yes_no_follow_english(store: Store, filled: dict[str, Any]) -> None:
    book = read(workbook.export_xlsx(store, kinds=["visit", "campaign"]))
    assert book.sheetnames == ["campaign", "visit"]
    header, early, later, total = rows(book["visit"])
    assert list(header) == VISIT_HEADERS_EN
    assert (early[10], later[10], total[0]) == ("no", "yes", "Total")
    assert rows(book["campaign"])[1][0] == "talk"


def test_amounts_are_exact_and_the_total_is_the_exact_decimal_sum(store: Store) -> None:
    for _ in range(10):
        visit(store, amount="0.10")
    assert sum([0.10] * 10) == 0.9999999999999999  # what adding floats would have written
    sheet = read(workbook.export_xlsx(store, kinds=["visit"]))["visit"]
    *records, total = rows(sheet)[1:]
    assert [row[7] for row in records] == [0.1] * 10
    assert total[7] == 1 and Decimal(repr(total[7])) == Decimal("1.00")
    assert sheet.cell(row=12, column=8).number_format == "#,##0.00"


def test_a_kind_without_amounts_has_no_total_row_and_an_empty_kind_only_its_header(
    store: Store, filled: dict[str, Any]
) -> None:
    book = read(workbook.export_xlsx(store, kinds=["talk", "event", "session"]))
    assert len(rows(book["talk"])) == 2
    assert rows(book["event"]) == [tuple(f.label() for f in workbook.sheet_fields(KINDS["event"]))]
    hours = rows(book["session"])  # session hours are an amount too: a total of nothing
    assert hours[-1][0] == "Total" and hours[-1][3] == 0


def test_kind_since_and_until_choose_the_sheets_and_rows(
    store: Store, filled: dict[str, Any]
) -> None:
    book = read(workbook.export_xlsx(store, ["visit", "study"], "2026-03-05", "2026-03-16"))
    assert book.sheetnames == ["study", "visit"]
    assert rows(book["study"])[1:] == []
    [only, total] = rows(book["visit"])[1:]
    assert only[2] == "李强" and total[7] == 1234567.89


def test_column_widths_count_cjk_as_two_and_long_text_is_capped(store: Store) -> None:
    visit(store, person="欧阳娜娜娜娜", dept="x" * 200, amount="1234567.89")
    sheet = read(workbook.export_xlsx(store, kinds=["visit"]))["visit"]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDH"}
    assert widths == {
        "A": len("2026-03-11") + workbook.PADDING,
        "B": len("occasion") + workbook.PADDING,  # the header is wider than 住院 (4 cells)
        "C": 12 + workbook.PADDING,  # 欧阳娜娜娜娜: 6 wide characters
        "D": workbook.WIDEST,
        "H": len("1,234,567.89") + workbook.PADDING,
    }


def test_record_text_is_written_as_given_even_what_a_worksheet_refuses(store: Store) -> None:
    hostile = "王\x1b[2J\x01芳\u202e"
    visit(store, person=hostile, dept='=HYPERLINK("http://x")', fund_source="#N/A")
    visit(store, date="2026-03-12", person="赵敏", note="第一行\n第二行\t完")
    sheet = read(workbook.export_xlsx(store, kinds=["visit"]))["visit"]
    first, second = rows(sheet)[1:3]
    assert first[2] == "王\\x1b[2J\\x01芳\u202e"  # what openpyxl refuses, escaped; the rest as is
    assert first[3] == '=HYPERLINK("http://x")' and first[8] == "#N/A"
    assert {sheet["D2"].data_type, sheet["I2"].data_type} == {"s"}  # text, not a formula or error
    assert second[11] == "第一行\n第二行\t完"
    assert sheet["L3"].alignment.wrap_text


def test_what_a_spreadsheet_cannot_hold_is_marked_not_lost_unseen(store: Store) -> None:
    visit(store, person="李强", note="长" * 40_000)
    visit(store, date="0001-01-01", person="古人")
    sheet = read(workbook.export_xlsx(store, kinds=["visit"]))["visit"]
    old, long = rows(sheet)[1:3]
    assert old[0] == "0001-01-01" and sheet["A2"].data_type == "s"  # before 1900: the text
    assert long[0] == datetime.datetime(2026, 3, 11)
    assert len(long[11]) == workbook.CELL_CHARACTERS and long[11] == "长" * 32_766 + "…"


# from the command line ----------------------------------------------------------------------


def test_cadre_export_xlsx_writes_a_private_file_in_the_chosen_language(
    run_cadre: RunCadre, filled: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "to-office" / "慰问.xlsx"
    done = run_cadre(
        "--lang", "zh", "export", "--format", "xlsx", "--kind", "visit", "-o", str(target)
    )
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["关爱慰问"]
    assert list(rows(book["关爱慰问"])[0]) == VISIT_HEADERS_ZH
    assert rows(book["关爱慰问"])[-1][7] == 1235067.89


def test_xlsx_goes_to_stdout_when_redirected(
    make_env: Callable[..., dict[str, str]], filled: dict[str, Any], db: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "xlsx", "--kind", "study"],
        env=make_env(db, CADRE_LANG="en"),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert rows(read(done.stdout)["study"])[1][1] == 35


def test_xlsx_to_a_terminal_is_refused_naming_the_option(filled: dict[str, Any], db: Path) -> None:
    """In a real pseudo-terminal (script(1)) nothing binary is written; the message names -o."""
    command = shlex.join([sys.executable, "-m", "tui", "export", "--format", "xlsx"])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        env=os.environ | {"CADRE_DB": str(db), "CADRE_TODAY": "2026-03-18", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert (
        done.stdout.strip() == "error: -o: an xlsx file is binary, not for a terminal; give -o FILE"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "diary"], "--kind: unknown kind 'diary'"),
        (["--until", "2026-13-01"], "--until: not a date (2026-13-01)"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_written(
    run_cadre: RunCadre, filled: dict[str, Any], tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "out.xlsx"
    done = run_cadre("export", "--format", "xlsx", *args, "-o", str(target))
    assert done.returncode == 1 and message in done.stderr and done.stdout == ""
    assert not target.exists()


def test_openpyxl_is_loaded_only_to_write_a_workbook() -> None:
    code = "import sys, tui.cli, tui.core.workbook; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "False\n", done.stderr
