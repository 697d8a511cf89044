import re
import subprocess
import sys

import pytest

from route_atlas import __main__ as cli
from route_atlas.__main__ import main
from route_atlas.handout import NOTES_SETTINGS, build_handout
from tests.conftest import ROOT, edit


def test_check_passes_on_the_projects_content(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "every quote found verbatim" in out
    assert "8 journey steps" in out and "every journey line drawn from a source's list" in out


def test_check_lists_journey_problems_with_their_line(data_copy, capsys):
    line = edit(data_copy / "journey.yaml", "countries: [CHN]", "countries: [XYZ]")
    assert main(["check", "--data", str(data_copy)]) == 1
    assert f'data/journey.yaml, line {line}: country "XYZ" is not one of' in capsys.readouterr().err


def test_check_lists_every_problem_and_fails(data_copy, capsys):
    edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, XYZ, LAO, CHN]")
    edit(data_copy / "countries.csv", "KOR,South Korea,destination", "KOR,South Korea,refuge")
    assert main(["check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "The content files have 2 problems in" in err
    assert "data/excerpts.yaml, line" in err and 'country "XYZ"' in err
    assert "data/countries.csv, line 9: role" in err
    assert "Traceback" not in err


def test_check_runs_as_a_module_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "route_atlas", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# --- handout ----------------------------------------------------------------------------------


def test_handout_writes_the_pdf_and_reports_pages_and_size(atlas, tmp_path, capsys):
    out = tmp_path / "handout.pdf"
    assert main(["handout", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data == build_handout(atlas, "ask")
    printed = capsys.readouterr().out
    assert printed.startswith(f"{out}: ")
    assert re.search(r": \d+ pages, " + str(len(data)) + r" bytes \(content notes: ask\)", printed)


def test_handout_uses_the_notes_setting_and_content_folder(atlas, data_copy, tmp_path):
    out = tmp_path / "hidden.pdf"
    assert main(["handout", "--out", str(out), "--notes", "hide", "--data", str(data_copy)]) == 0
    assert out.read_bytes() == build_handout(atlas, "hide")


def test_handout_on_broken_content_lists_problems_with_file_and_line_and_fails(data_copy, tmp_path, capsys):
    line = edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO, CHN]", "countries: [VNM, XYZ, LAO, CHN]")
    out = tmp_path / "handout.pdf"
    assert main(["handout", "--out", str(out), "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f'data/excerpts.yaml, line {line}: country "XYZ"' in err
    assert "Traceback" not in err
    assert not out.exists()


def test_handout_never_writes_into_the_content_folder(data_copy, capsys):
    before = sorted(p.name for p in data_copy.rglob("*"))
    for out in (data_copy / "handout.pdf", data_copy / "sources" / "handout.pdf"):
        with pytest.raises(SystemExit) as stop:
            main(["handout", "--out", str(out), "--data", str(data_copy)])
        assert stop.value.code == 2
        assert "inside the content folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["handout", "--out", str(ROOT / "data" / "handout.pdf"), "--data", str(data_copy)])
    assert not (ROOT / "data" / "handout.pdf").exists()
    assert sorted(p.name for p in data_copy.rglob("*")) == before


def test_handout_says_when_it_cannot_write(tmp_path, capsys):
    assert main(["handout", "--out", str(tmp_path / "no-such-folder" / "handout.pdf")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_handout_settings_are_the_handouts_own():
    assert cli.NOTES_SETTINGS == NOTES_SETTINGS


def test_handout_runs_as_a_module_from_the_command_line(tmp_path):
    out = tmp_path / "handout.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "route_atlas", "handout", "--out", str(out), "--notes", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "pages" in result.stdout and out.read_bytes().startswith(b"%PDF-")
