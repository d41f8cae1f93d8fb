"""UCDP GED-shaped export of the seed release: UCDP's 49 columns, UCDP's conventions."""

import csv
import io
import math
import subprocess
import sys
from dataclasses import replace

import pytest

from conflict_events.build import build_release
from conflict_events.export import render, select
from conflict_events.export.ucdp_ged import left_out, priogrid_gid
from conflict_events.export.ucdp_ged import rows as ucdp_rows
from tests.conftest import REPO
from tests.export.one_sided import insurgents_alone

SAMPLE = REPO / "tests" / "data" / "ucdp_ged_23_1_sample.csv"

# GED 23.1's columns, in its order (UCDP GED codebook).
UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
)


def _export(seed_release, **filters) -> tuple[str, dict[str, dict[str, str]]]:
    text = render(select(source=seed_release, **filters), "ucdp-ged")
    return text, {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_the_header_is_ucdps_then_the_source_flags(seed_release):
    text, rows = _export(seed_release)
    assert text.splitlines()[0] == UCDP_HEADER + ",source_flags"
    assert len(UCDP_HEADER.split(",")) == 49
    assert {row["source_flags"] for row in rows.values()} == {""}  # curated: none
    assert sorted(rows) == ["1", "2"]  # 3, an agreement, is no UCDP event


def test_the_seed_battle_in_ucdps_terms(seed_release):
    _, rows = _export(seed_release)
    first = rows["1"]
    assert first["type_of_violence"] == "1"  # state forces against insurgents
    assert (first["side_a"], first["side_b"], first["side_b_new_id"]) == (
        "Military Forces of Syria",
        "Syrian insurgents",
        "4456",
    )
    assert first["side_a_new_id"] == ""  # not verified as UCDP's "Government of Syria"
    assert (first["date_prec"], first["date_start"], first["date_end"]) == (
        "1",
        "2020-01-28",
        "2020-01-28",
    )
    assert (first["where_prec"], first["latitude"], first["longitude"]) == (
        "1",
        "35.6483",
        "36.67693",
    )
    assert first["geom_wkt"] == "POINT (36.67693 35.6483)"
    assert (first["adm_1"], first["adm_2"], first["country"]) == ("Idlib", "Al Ma'ra", "Syria")
    assert first["source_article"] == (
        '"TRT World,2020-01-28,Syrian regime takes major town south of Idlib city - war monitor"'
    )
    assert first["number_of_sources"] == "1"
    assert "SANA" in first["source_original"].split("; ")
    assert first["best"] == first["low"] == first["high"] == ""  # unknown stays empty
    assert first["conflict_new_id"] == first["dyad_new_id"] == ""


def test_precision_and_types_without_ucdp_equivalents(seed_release):
    _, rows = _export(seed_release)
    assert (rows["2"]["date_prec"], rows["2"]["date_end"]) == ("3", "2020-01-28")
    changed = render(insurgents_alone(select(source=seed_release)), "ucdp-ged")
    one_sided = {row["id"]: row for row in csv.DictReader(io.StringIO(changed))}
    assert one_sided["2"]["type_of_violence"] == "2"  # no state force among its actors


def test_events_ucdp_does_not_count_are_left_out_and_counted(seed_release):
    _, rows = _export(seed_release)
    assert "3" not in rows  # an agreement has no type_of_violence 1, 2 or 3
    assert {row["type_of_violence"] for row in rows.values()} <= {"1", "2", "3"}
    assert left_out(select(source=seed_release)) == 1
    assert left_out(select(source=seed_release, event_type="Battles")) == 0


def test_the_cli_says_how_many_were_left_out(seed_release, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "export",
            "--format",
            "ucdp-ged",
            "--source",
            str(seed_release),
            "--out",
            str(tmp_path / "ged.csv"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 event(s) left out: UCDP GED counts no event of their type" in done.stderr


def test_country_id_and_region_come_from_the_countries_table(seed_release):
    _, rows = _export(seed_release)
    assert {(r["country_id"], r["region"]) for r in rows.values()} == {("652", "Middle East")}


def test_filters_apply(seed_release):
    _, rows = _export(seed_release, start="2020-01-20", event_type="Battles")
    assert sorted(rows) == ["1", "2"]


def test_prio_grid_cells_match_ucdps_for_every_sample_row():
    with (REPO / "tests" / "data" / "ucdp_ged_23_1_sample.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        assert not math.isnan(latitude)
        assert priogrid_gid(latitude, longitude) == int(row["priogrid_gid"]), row["id"]


def test_a_cell_starting_with_a_formula_character_is_neutralised(seed_release):
    """A Twitter handle as publisher is written as a spreadsheet shows it as text; the rows
    keep the value itself, and a signed number stays a number."""
    selection = select(source=seed_release)
    sources = selection.sources.copy()
    sources["publisher"] = "@MENASTREAM"
    flat = selection.flat.copy()
    flat.loc[0, "latitude"] = -12.5
    changed = replace(selection, sources=sources, flat=flat)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(render(changed, "ucdp-ged")))}
    assert rows["1"]["source_office"] == "'@MENASTREAM"
    assert rows["1"]["source_article"].startswith('"@MENASTREAM,')  # starts with a quote
    assert rows["1"]["latitude"] == "-12.5"
    assert rows["1"]["number_of_sources"] == "1"
    assert ucdp_rows(changed)[0]["source_office"] == "@MENASTREAM"


@pytest.fixture(scope="module")
def sample_round_trip(tmp_path_factory) -> tuple[dict, dict]:
    """The sample imported with the command line, built, and exported back."""
    out = tmp_path_factory.mktemp("import") / "ucdp"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "import",
            "ucdp-ged",
            str(SAMPLE),
            "--out",
            str(out),
        ],
        capture_output=True,
        check=True,
    )
    release = build_release(
        out / "datapackage.json", tmp_path_factory.mktemp("release") / "dist", show_progress=False
    )
    with SAMPLE.open(encoding="utf-8") as f:
        sample = {row["id"]: row for row in csv.DictReader(f)}
    return sample, _rows_of(render(select(source=release), "ucdp-ged"))


def _rows_of(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_an_imported_sample_gets_ucdps_country_id_and_region_back(sample_round_trip):
    sample, exported = sample_round_trip
    assert exported.keys() == sample.keys()  # every row, the successor states' too
    for ucdp_id, row in exported.items():
        want = sample[ucdp_id]
        got = (row["country_id"], row["region"])
        assert got == (want["country_id"], want["region"]), ucdp_id
