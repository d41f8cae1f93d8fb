"""conflict-events map and timeline: the files they write, and one-line errors."""

from __future__ import annotations

from typer.testing import CliRunner

from conflict_events.cli import app
from tests.pictures.conftest import placed_event_ids, png_size

runner = CliRunner()


def test_map_png_html_and_timeline(seed_release, tmp_path):
    source = ["--source", str(seed_release)]
    for name, command in (("map.png", "map"), ("events.html", "map"), ("t.png", "timeline")):
        result = runner.invoke(app, [command, *source, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert png_size(tmp_path / "map.png")[0] == 1000
    assert png_size(tmp_path / "t.png") == (1000, 600)
    html = (tmp_path / "events.html").read_text(encoding="utf-8")
    assert html.count('class="marker"') == len(placed_event_ids())


def test_filters_reach_the_map(seed_release, tmp_path):
    out = tmp_path / "battles.png"
    args = ["map", "--source", str(seed_release), "--event-type", "Battles", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{len(placed_event_ids('Battles'))} of 2 event(s) on the map" in result.output


def test_bad_input_is_one_line(seed_release, tmp_path):
    source = ["--source", str(seed_release)]
    cases = [
        ["map", *source, "--out", str(tmp_path / "map.svg")],
        ["timeline", *source, "--out", str(tmp_path / "t.jpg")],
        ["map", *source, "--event-type", "Nope", "--out", str(tmp_path / "m.png")],
        ["timeline", *source, "--start", "2100-01-01", "--out", str(tmp_path / "t.png")],
        ["map", *source, "--out", str(tmp_path / "missing" / "m.png")],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert not list(tmp_path.iterdir())
