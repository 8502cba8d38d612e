"""CSV and Excel export of the action register: round trips, dates, layout, formula neutralising, safety."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import threading
from pathlib import Path

import openpyxl
import pytest

from core.domain.actions import ActionFilter, ActionSummary, SortKey
from core.domain.errors import FileWriteError
from core.domain.parsed import Regulation
from core.domain.vocabulary import ActionKind, Statute
from core.reports.export import HEADERS, neutralise, regulation_text, write_csv, write_xlsx
from core.services.saving import export_register

EXPORTED_AT = dt.datetime(2026, 3, 2, 9, 30)


@pytest.fixture
def accented(services, register) -> dict:
    """An action at a location and with an owner whose names carry accents, with a progress note."""
    location = services.locations.add("Clinique Sainte-Thérèse", provider="Meridian Imaging Ltd")
    owner = services.people.add("Zoë Brontë-Øster")
    action = services.edits.create(
        location.id,
        ActionKind.MUST,
        "Réviser le protocole d’hygiène — naïve café",
        owner_id=owner.id,
        due=dt.date(2026, 5, 1),
    )
    services.edits.add_note(action.id, "Début: formation planifiée pour l’équipe.")
    services.edits.add_note(action.id, "Formation terminée; audit prévu.")
    return {"location": location, "owner": owner, "action": action}


def rows_for(services, flt: ActionFilter | None = None) -> tuple[list[ActionSummary], dict[int, str]]:
    rows = services.actions.summaries(services.actions.ids(flt or ActionFilter(), SortKey.REFERENCE))
    return rows, services.actions.latest_notes([r.id for r in rows])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_round_trip_holds_exactly_the_filtered_rows(services, register, tmp_path):
    rows, notes = rows_for(services, ActionFilter(location_ids=frozenset({register["sid"].id})))
    target = tmp_path / "register.csv"
    write_csv(rows, target, notes)
    read = read_csv(target)
    assert [r["Reference"] for r in read] == [r.reference for r in rows]
    assert {r["Location"] for r in read} == {"Sidcup PET-CT Centre"}
    assert list(read[0]) == HEADERS
    must = next(r for r in read if r["Reference"] == register["must"].summary.reference)
    assert must["Regulation"] == "Regulation 12 (2)(b) — Safe care and treatment"
    assert must["Due"] == "2026-04-30" and must["Original due"] == "2026-04-30"
    assert must["Owner"] == "Priya Shah"
    assert must["Status"] == "Open" and must["BRAG"] == "Green (on track)"
    assert must["Type"] == "MUST" and must["Key question"] == "Safe"
    assert must["Last updated"] == "2026-03-02 09:30" and must["Updated by"] == "tester"


def test_csv_starts_with_a_bom_and_keeps_accented_names(services, accented, tmp_path):
    rows, notes = rows_for(services, ActionFilter(location_ids=frozenset({accented["location"].id})))
    target = tmp_path / "accents.csv"
    write_csv(rows, target, notes)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    (row,) = read_csv(target)
    assert row["Location"] == "Clinique Sainte-Thérèse"
    assert row["Owner"] == "Zoë Brontë-Øster"
    assert row["Action"] == "Réviser le protocole d’hygiène — naïve café"
    assert row["Last progress note"] == "Formation terminée; audit prévu."
    assert row["Notes"] == "2"


def test_xlsx_round_trip_with_dates_frozen_header_auto_filter_and_about_sheet(
    services, register, accented, tmp_path
):
    flt = ActionFilter(kinds=frozenset({ActionKind.MUST}))
    rows, notes = rows_for(services, flt)
    target = tmp_path / "register.xlsx"
    write_xlsx(rows, target, notes, "MUST actions", exported_at=EXPORTED_AT)
    book = openpyxl.load_workbook(target)
    sheet = book["Actions"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{len(rows) + 1}"
    data = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in data] == [r.reference for r in rows]
    assert {r[2] for r in data} == {"MUST"}
    col = {h: n for n, h in enumerate(HEADERS)}
    must = next(r for r in data if r[0] == register["must"].summary.reference)
    assert must[col["Due"]] == dt.datetime(2026, 4, 30)  # a real date cell (openpyxl reads it as datetime)
    assert sheet.cell(row=2, column=col["Due"] + 1).number_format == "d mmm yyyy"
    assert must[col["Last updated"]] == dt.datetime(2026, 3, 2, 9, 30)
    assert must[col["Notes"]] == 0 and isinstance(must[col["Evidence"]], int)
    mine = next(r for r in data if r[0] == accented["action"].summary.reference)
    assert mine[col["Location"]] == "Clinique Sainte-Thérèse" and mine[col["Owner"]] == "Zoë Brontë-Øster"
    assert mine[col["Last progress note"]] == "Formation terminée; audit prévu."
    assert sheet.cell(row=2, column=col["Action"] + 1).alignment.wrap_text
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["C"].width
    about = {r[0]: r[1] for r in book["About this export"].iter_rows(min_row=2, values_only=True)}
    assert about == {"Filter": "MUST actions", "Actions": len(rows), "Exported": EXPORTED_AT}


def test_xlsx_of_an_empty_register_still_has_its_header(tmp_path):
    target = tmp_path / "empty.xlsx"
    write_xlsx([], target, exported_at=EXPORTED_AT)
    sheet = openpyxl.load_workbook(target)["Actions"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:S1"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised_in_csv_and_xlsx(services, register, tmp_path, start):
    payload = f'{start}HYPERLINK("http://evil.example","x")'
    (row,) = services.actions.summaries([register["must"].id])
    row = row.model_copy(update={"text": payload, "updated_by": payload, "owner_name": start + "1+1"})
    notes = {row.id: start + "cmd|' /C calc'!A0"}
    write_csv([row], tmp_path / "f.csv", notes)
    write_xlsx([row], tmp_path / "f.xlsx", notes, exported_at=EXPORTED_AT)
    (read,) = read_csv(tmp_path / "f.csv")
    assert read["Action"] == "'" + payload and read["Updated by"] == "'" + payload
    assert read["Owner"] == "'" + start + "1+1"
    assert read["Last progress note"] == "'" + start + "cmd|' /C calc'!A0"
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx")["Actions"]
    for header in ("Action", "Owner", "Last progress note", "Updated by"):
        cell = sheet.cell(row=2, column=HEADERS.index(header) + 1)
        # openpyxl reads a carriage return back as a line feed without lxml and as itself with it (python-docx
        # brings lxml); either way the apostrophe comes first.
        assert cell.data_type == "s" and cell.value.replace("\r", "\n").startswith(
            ("'" + start).replace("\r", "\n")
        )


def test_plain_text_is_left_alone():
    assert neutralise("Audit hand hygiene") == "Audit hand hygiene"
    assert neutralise("") == ""


def test_regulation_in_words():
    assert (
        regulation_text(Regulation(number="17", statute=Statute.RA_2014)) == "Regulation 17 — Good governance"
    )
    assert regulation_text(Regulation(number="99")) == "Regulation 99"
    assert regulation_text(None) is None


def test_control_characters_from_reports_do_not_break_the_workbook(services, register, tmp_path):
    (row,) = services.actions.summaries([register["must"].id])
    row = row.model_copy(update={"text": "Page\x0cbreak and bell\x07 inside"})
    write_xlsx([row], tmp_path / "c.xlsx", exported_at=EXPORTED_AT)
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["Actions"]
    assert sheet.cell(row=2, column=HEADERS.index("Action") + 1).value == "Pagebreak and bell inside"


def test_a_failed_write_leaves_the_old_file_and_no_partial(services, register, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "register.csv"
    target.write_text("previous export", encoding="utf-8")
    rows, _ = rows_for(services)

    def fail(_done: int, _total: int) -> None:
        raise RuntimeError("the writer stopped half-way")

    with pytest.raises(RuntimeError):
        write_csv(rows, target, progress=fail)
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in out.iterdir()] == ["register.csv"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "Candour is not allowed to write there"),
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
    ],
)
def test_a_refused_write_is_one_sentence_naming_the_file(
    services, register, tmp_path, monkeypatch, code, reason
):
    # Simulated at the last step (putting the file in place), where the operating system refuses it; a
    # permission test with chmod would pass as root.
    def refuse(_source: object, _target: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("os.replace", refuse)  # Path.replace calls it
    folder = tmp_path / "out"
    folder.mkdir()
    rows, _ = rows_for(services)
    with pytest.raises(FileWriteError) as raised:
        write_xlsx(rows, folder / "register.xlsx")
    assert str(raised.value) == f"{folder / 'register.xlsx'} could not be written: {reason}."
    assert list(folder.iterdir()) == []


def test_a_missing_folder_and_a_folder_name_are_refused_plainly(services, register, tmp_path):
    with pytest.raises(FileWriteError, match="its folder does not exist"):
        write_csv([], tmp_path / "nowhere" / "x.csv")
    with pytest.raises(FileWriteError, match="that name is a folder"):
        write_csv([], tmp_path)


def test_export_register_keeps_the_given_order_and_reports_progress(services, register, accented, tmp_path):
    ids = list(reversed(services.actions.ids(ActionFilter(), SortKey.DUE)))
    seen: list[tuple[int, int]] = []
    count = export_register(
        services.actions,
        ids,
        tmp_path / "r.xlsx",
        filter_text="All actions",
        exported_at=EXPORTED_AT,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert count == len(ids) == 5
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Actions"]
    references = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert references == [s.reference for s in services.actions.summaries(ids)]
    assert seen[-1] == (10, 10) and seen == sorted(seen)


def test_export_register_writes_nothing_when_cancelled(services, register, tmp_path):
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "out"
    out.mkdir()
    result = export_register(
        services.actions,
        services.actions.ids(),
        out / "r.csv",
        filter_text="All actions",
        exported_at=EXPORTED_AT,
        cancel=cancel,
    )
    assert result is None
    assert list(out.iterdir()) == []


def test_export_register_refuses_an_unknown_file_type(services, register, tmp_path):
    with pytest.raises(FileWriteError, match=r"r\.ods does not end in \.csv or \.xlsx"):
        export_register(services.actions, [], tmp_path / "r.ods", filter_text="", exported_at=EXPORTED_AT)
