import subprocess
import sys

from route_atlas.__main__ import main
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
    edit(data_copy / "excerpts.yaml", "countries: [VNM, LAO]", "countries: [VNM, XYZ]")
    edit(data_copy / "countries.csv", "KOR,South Korea,destination", "KOR,South Korea,refuge")
    assert main(["check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s)" in err
    assert "data/excerpts.yaml, line" in err and 'country "XYZ"' in err
    assert "data/countries.csv, line 9: role" in err
    assert "Traceback" not in err


def test_check_runs_as_a_module_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "route_atlas", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
