"""The structure layer (frictionless): descriptor and file shape."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

EVENTS = "datasets/events.csv"


def test_blank_row(package):
    path = package.csv_path("events")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:3], "\n", *lines[3:]]), encoding="utf-8")
    assert package.report() == [(EVENTS, 4, None, "blank-row")]


def test_extra_cell_keeps_later_row_numbers(package):
    path = package.csv_path("event_actors")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",surplus\n"
    lines[5] = lines[5].replace("actor2", "leader")
    path.write_text("".join(lines), encoding="utf-8")
    assert package.report() == [
        ("datasets/event_actors.csv", 3, None, "extra-cell"),
        ("datasets/event_actors.csv", 6, "role", "enum"),
    ]


def test_wrong_header(package):
    path = package.csv_path("event_actors")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("event_id,actor_id,role", "event_id,actor_id,rolez", 1), encoding="utf-8"
    )
    assert package.report() == [("datasets/event_actors.csv", None, "role", "incorrect-label")]


def test_file_not_utf8(package):
    path = package.csv_path("events")
    text = path.read_text(encoding="utf-8").replace(
        "Maarat al-Numan and", "Ma\u00e2rat al-Numan and", 1
    )
    path.write_bytes(text.encode("latin-1"))
    assert package.report() == [(EVENTS, None, None, "encoding-error")]


def test_binary_garbage_is_reported_not_raised(package):
    package.csv_path("event_actors").write_bytes(b"\x00\xff\xfe\x00garbage\n\x01\x02")
    rules = {p.rule for p in package.validate()}
    assert "encoding-error" in rules
    assert "validator-error" not in rules


def test_invalid_descriptor_property(package):
    package.edit_descriptor(lambda d: d.update(licenses="CC-BY-4.0"))
    [problem] = package.validate()
    assert (problem.file, problem.rule) == ("datapackage.json", "package-error")
    assert "licenses" in problem.value


def _set_path(package, table: str, path: str) -> None:
    def change(descriptor):
        [resource] = [r for r in descriptor["resources"] if r["name"] == table]
        resource["path"] = path

    package.edit_descriptor(change)


_URL = (
    "its path is a URL, which is never fetched: save the file in the package folder and give "
    "its path relative to the descriptor"
)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        (
            "../sources.csv",
            "its path leads out of the package folder ('..' or a link out): give a relative path inside it",
        ),
        ("/etc/passwd", "its path is absolute: give the path relative to the descriptor"),
        ("C:/data/sources.csv", "its path is absolute: give the path relative to the descriptor"),
        ("file:///etc/passwd", _URL),
        ("https://example.org/sources.csv", _URL),
    ],
)
def test_a_resource_path_outside_the_package_names_the_descriptor_and_the_resource(
    package, path, why
):
    _set_path(package, "sources", path)
    problems = package.validate()
    assert [p.as_line() for p in problems if p.layer == "structure"] == [
        f'datapackage.json  resource-path  "{path}"  resource sources: {why}'
    ]


_ONE_PATH = "give one path, relative to the descriptor, to a file in the package folder"


def test_a_path_given_as_a_list_is_named_not_passed_over(package):
    url = "https://example.org/x.csv"

    def change(descriptor):
        [sources] = [r for r in descriptor["resources"] if r["name"] == "sources"]
        sources["path"] = [url]
        descriptor["resources"].append(
            {"name": "extra", "path": ["a.csv", "b.csv"], "schema": sources["schema"]}
        )

    package.edit_descriptor(change)
    assert [p.as_line() for p in package.validate() if p.layer == "structure"] == [
        f'datapackage.json  resource-path  "{url}"  resource sources: its path is a list of 1 '
        f"holding a URL, which is never fetched: {_ONE_PATH}",
        f'datapackage.json  resource-path  "a.csv"  resource extra: its path is a list of 2: '
        f"{_ONE_PATH}",
    ]


def test_a_url_path_is_never_fetched(package):
    """A real server on 127.0.0.1 would serve the table: it receives no request."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(package.csv_path("actors").read_bytes())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/actors.csv"
        _set_path(package, "actors", url)
        structure = [p.as_line() for p in package.validate() if p.layer == "structure"]
    finally:
        server.shutdown()
    assert structure == [f'datapackage.json  resource-path  "{url}"  resource actors: {_URL}']
    assert asked == []


def test_missing_schema_file(package):
    def drop(descriptor):
        descriptor["resources"][2]["schema"] = "schemas/missing.schema.json"

    package.edit_descriptor(drop)
    [problem] = package.validate()
    assert (problem.file, problem.rule, problem.value) == (
        "datapackage.json",
        "schema-error",
        "actors",
    )
    assert "schemas/missing.schema.json does not exist" in problem.hint


def test_missing_data_file(package):
    package.csv_path("retired_ids").unlink()
    assert package.report() == [("datasets/retired_ids.csv", None, None, "scheme-error")]


def test_short_row_is_one_problem(package):
    path = package.csv_path("locations")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "loc_000002,Aleppo,SYR\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert package.report() == [
        ("datasets/locations.csv", 3, "admin1", "missing-cell"),
        ("datasets/locations.csv", 3, "location_type", "required"),
    ]


def test_unclosed_quote_is_reported_where_it_opens(package):
    path = package.csv_path("event_actors")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-1] = 'evt_00000003,"act_000005,actor2\n'
    path.write_text("".join(lines), encoding="utf-8")
    report = package.report()
    assert report[0] == ("datasets/event_actors.csv", 8, "role", "missing-cell")
    assert "close a quote left open" in package.validate()[0].hint


def test_empty_file(package):
    package.csv_path("retired_ids").write_text("", encoding="utf-8")
    [problem] = package.validate()
    assert (problem.file, problem.rule) == ("datasets/retired_ids.csv", "source-error")
