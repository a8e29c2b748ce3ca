"""``presence-app journal export``: reads the journal file itself, no app needed."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from presence_app.cli import main
from presence_app.core.cue import Outcome, Source
from presence_app.core.journal import Journal
from presence_app.core.paths import Paths

T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def journal_file() -> Path:
    path = Paths.from_platform().journal_file
    journal = Journal(path)
    journal.record(
        outcome=Outcome.PASSED,
        source=Source.SCHEDULE,
        rules=("Work day",),
        planned=timedelta(minutes=1),
        cue_at=T0,
    )
    entry = journal.record(
        outcome=Outcome.COMPLETED,
        source=Source.TRAY,
        planned=timedelta(minutes=2),
        started=T0 + timedelta(days=2),
        ended=T0 + timedelta(days=2, minutes=2),
    )
    journal.add_reflection(
        entry, written=T0 + timedelta(days=2, minutes=3), prompt="What is here?", text="Snow."
    )
    journal.close()
    return path


EXPECTED_MD = """\
# Presence journal

## Thursday, 26 November 2026

**09:00** · The bell was let pass (Work day).

## Saturday, 28 November 2026

**09:00** · A pause of 2 minutes, started from the tray.

> *What is here?*
>
> Snow.
"""


def test_markdown_is_the_default(capsys: pytest.CaptureFixture[str], journal_file: Path) -> None:
    assert main(["journal", "export"]) == 0
    assert capsys.readouterr() == (EXPECTED_MD, "")


@pytest.mark.parametrize(
    ("since", "count"),
    [("2026-11-26", 2), ("2026-11-27", 1), ("2026-11-28T09:00", 1), ("2026-11-28T09:01", 0)],
)
def test_since_takes_a_local_date_or_time(
    capsys: pytest.CaptureFixture[str], journal_file: Path, since: str, count: int
) -> None:
    assert main(["journal", "export", "--format", "json", "--since", since]) == 0
    assert len(json.loads(capsys.readouterr().out)) == count


def test_json_export_to_a_file_is_private_and_complete(
    capsys: pytest.CaptureFixture[str], journal_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    assert main(["journal", "export", "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr() == (f"The journal was written to {target}.\n", "")
    records = json.loads(target.read_text(encoding="utf-8"))
    assert [r["outcome"] for r in records] == ["passed", "completed"]
    assert records[1]["reflection"]["text"] == "Snow."
    assert records[1]["started"] == "2026-11-28T09:00:00+01:00"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_export(capsys: pytest.CaptureFixture[str], journal_file: Path) -> None:
    assert main(["journal", "export", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,at,cue_at,started,ended,outcome,source,rules,")
    assert len(lines) == 3 and lines[2].endswith(",What is here?,Snow.,")


def test_a_missing_journal_gives_an_empty_export_and_a_calm_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = Paths.from_platform().journal_file
    assert main(["journal", "export", "--format", "json"]) == 0
    assert capsys.readouterr() == (
        "[]\n",
        f"There is no journal yet at {path}, so the export is empty. "
        "Pauses and reflections are kept there from the first bell on.\n",
    )
    assert not path.exists()  # reading never creates it


def test_an_unreadable_journal_is_reported_and_left_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = Paths.from_platform().journal_file
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database, but it might be someone's words" * 100)
    before = path.read_bytes()
    assert main(["journal", "export"]) == 1
    assert capsys.readouterr() == (
        "",
        f"The journal at {path} could not be read (file is not a database). "
        "It was left as it is.\n",
    )
    assert path.read_bytes() == before


def test_a_file_that_cannot_be_written_is_reported(
    capsys: pytest.CaptureFixture[str], journal_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "journal.md"
    os.chmod(folder, 0o500)
    try:
        code = main(["journal", "export", "-o", str(target)])
    finally:
        os.chmod(folder, 0o700)
    if os.geteuid() == 0:
        pytest.skip("root may write into read-only folders; tests/faults uses a read-only mount")
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"The export could not be written to {target} (")


def test_a_path_inside_a_file_names_that_file(
    capsys: pytest.CaptureFixture[str], journal_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    target = blocker / "journal.md"
    assert main(["journal", "export", "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"The folder {blocker} is not a folder, so nothing was written. "
        "Create it first, or choose another place.\n"
    )


def test_a_missing_folder_is_named_not_created(
    capsys: pytest.CaptureFixture[str], journal_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "journal.md"
    assert main(["journal", "export", "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"The folder {target.parent} does not exist, so nothing was written. "
        "Create it first, or choose another place.\n"
    )
    assert not (tmp_path / "no").exists()


def test_a_symbolic_link_is_left_as_it_is(
    capsys: pytest.CaptureFixture[str], journal_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "precious.txt"
    real.write_text("mine")
    link = tmp_path / "journal.md"
    link.symlink_to(real)
    assert main(["journal", "export", "-o", str(link)]) == 1
    assert capsys.readouterr().err == (
        f"{link} is a symbolic link, so it was left as it is. An export only writes "
        "ordinary files; choose another file name.\n"
    )
    assert link.is_symlink() and real.read_text() == "mine"


def test_a_date_that_cannot_be_read_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["journal", "export", "--since", "last week"])
    assert leaving.value.code == 2
    assert capsys.readouterr().err.endswith(
        'error: argument --since: "last week" is not a date; '
        "use a form such as 2026-11-01 or 2026-11-01T09:00\n"
    )
