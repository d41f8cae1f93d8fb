"""Write converted UCDP GED rows as a separate data package that passes `validate`.

The package is built in a temporary folder beside the target and validated. UCDP's records
may break a few rules of the curated data as UCDP publishes them (KEPT_AS_PUBLISHED): the
package relaxes those to warnings, keeps the rows and flags each event with the rules its
record breaks (events.source_flags). A row whose tables break any other rule is skipped with
the validator's own words as the reason, and the rest written again, until the package is
valid. Only then does it replace the target, so a failed import leaves an earlier one
whole. Flagged and skipped rows are listed in import-report.csv.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from conflict_events import atomic, package_version
from conflict_events.characters import clean_incoming
from conflict_events.export.ucdp_ged import COLUMNS as GED_COLUMNS
from conflict_events.importers.successors import successor_at
from conflict_events.importers.ucdp_ged import UCDP, Codes, Converted, convert, country_code
from conflict_events.metadata import DataPackage, load_package
from conflict_events.metadata.crosswalks import TABLES as CROSSWALKS
from conflict_events.metadata.crosswalks import Crosswalks
from conflict_events.metadata.frames import read_tables
from conflict_events.paths import own_descriptor, own_root
from conflict_events.validation import Problem, errors, validate
from conflict_events.validation.problems import WARNING
from conflict_events.validation.severity import PROPERTY as RELAXED

NAME = "ucdp-ged-import"
REPORT = "import-report.csv"
_BREAKS = re.compile(r"[\t\n]+")
MAX_ROUNDS = 5
# Rules UCDP's records can break as UCDP publishes them; an import relaxes them to warnings
# and keeps the rows, each event flagged with the rules its record breaks.
KEPT_AS_PUBLISHED = [
    "date-after-publication",  # dated after a source UCDP cites for it
    "fatalities-order",  # UCDP's low, best and high out of order
    "coordinates-in-country",  # placed in the state of its day, now split (successors)
    "actor-name-shared",  # one name UCDP gives two actor ids
    "actor-ucdp-id-shared",  # one actor id UCDP gives two names
]
FLAGGED = "kept, flagged"
NOT_IMPORTED = "not imported"
UCDP_DOWNLOADS = "https://ucdp.uu.se/downloads/"
# Fields of `sources` that UCDP GED does not give for every source it cites.
_DRAFT_ID = re.compile(r"\b(?:src|act|loc)_[0-9]{6}\b")
RELAXED_SOURCE_FIELDS = ("publisher", "title", "url", "published_date", "language", "source_type")
_RELAXED_NOTE = (
    " In a package imported from UCDP GED this may be empty: UCDP cites sources by "
    "office, date and headline at most, and older events by free text only."
)


class ImportFailure(Exception):
    """The file cannot be imported at all (not a GED file, or an unusable target)."""


@dataclass(frozen=True)
class Reported:
    """A row of the file the report names: its row number (header 1), id and why; either
    not imported, or kept as UCDP has it and flagged with the rule its record breaks."""

    row: int
    id: str
    reason: str
    outcome: str = NOT_IMPORTED

    @property
    def rule(self) -> str:
        return rule_of(self.reason)


@dataclass(frozen=True)
class ImportResult:
    descriptor: Path
    rows: int
    imported: int
    reported: list[Reported]  # rows not imported
    flagged: list[Reported]  # one per imported row and rule its record breaks

    def rules_not_imported(self) -> list[tuple[str, int]]:
        """Each rule that kept rows out, with their number, most frequent first."""
        return Counter(r.rule for r in self.reported).most_common()

    def rules_flagged(self) -> list[tuple[str, int]]:
        """Each rule imported rows break as UCDP has them, with their number."""
        return Counter(r.rule for r in self.flagged).most_common()


def rule_of(reason: str) -> str:
    """The rule a reason names first ("rule: explanation")."""
    return reason.split(":", 1)[0]


def read_ged(file: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UCDP GED CSV file as text, numbered as a spreadsheet shows them, each
    cell cleaned as add-source cleans an article (UCDP's own texts hold zero-width spaces,
    which no text of the package may hold)."""
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None:
                raise ImportFailure(f"{file}: the file is empty, not a UCDP GED file")
            missing = [c for c in GED_COLUMNS if c not in reader.fieldnames]
            if missing:
                raise ImportFailure(
                    f"{file}: not a UCDP GED file, it lacks the column(s) {', '.join(missing)}"
                )
            rows = [
                (number, {k: clean_incoming(v or "") for k, v in row.items() if k is not None})
                for number, row in enumerate(reader, start=2)
            ]
            if not rows:
                raise ImportFailure(f"{file}: the file has a header but no rows: nothing to import")
            return rows
    except FileNotFoundError as exc:
        raise ImportFailure(f"{file}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise ImportFailure(f"{file}: not a readable CSV file ({exc})") from exc
    except OSError as exc:
        raise ImportFailure(f"{file}: cannot be read ({exc.strerror or exc})") from exc


def _check_target(out: Path) -> None:
    """Never write into the curated package, nor over a folder that is not an import."""
    curated = own_root() / "datasets"
    target = out.resolve()
    if target == curated or target.is_relative_to(curated) or curated.is_relative_to(target):
        raise ImportFailure(f"{out}: imports are kept apart from the curated datasets/")
    if (target / "datasets").resolve() == curated:
        raise ImportFailure(f"{out}: imports are kept apart from the curated datasets/")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        name = _json(target / "datapackage.json").get("name")
        if name != NAME:
            raise ImportFailure(f"{out} exists and is not an earlier import: name a new folder")


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _relaxed(schema: dict) -> dict:
    relaxed = copy.deepcopy(schema)
    for column in relaxed["fields"]:
        if column["name"] in RELAXED_SOURCE_FIELDS:
            column.get("constraints", {}).pop("required", None)
            column["description"] = column.get("description", "") + _RELAXED_NOTE
    return relaxed


def _descriptor(
    own: DataPackage, file: Path, digest: str, rows: int, kept: int, flagged: int
) -> dict:
    resources = []
    for resource in own.resources:
        entry = {k: v for k, v in resource.descriptor.items() if k != "schema"}
        entry["schema"] = f"schemas/{resource.name}.schema.json"
        resources.append(entry)
    return {
        "$schema": own.descriptor.get("$schema"),
        "name": NAME,
        "title": f"{UCDP} events as conflict-events tables (imported, not curated)",
        "description": (
            f"{kept} of the {rows} rows of {file.name} (SHA-256 {digest}), converted to "
            f"conflict-events tables by conflict-events {package_version()}. Not curated "
            "conflict-events data: each event's evidence is UCDP's citation of its sources, "
            "not the text of an article, and the event type follows from UCDP's "
            f"type_of_violence. {flagged} rows are kept as UCDP publishes them although "
            f"they break rules of the curated data: {RELAXED} relaxes those rules to "
            "warnings and each such event names them in source_flags. Rows that could not "
            f"be converted, and the flagged ones, are listed with the reason in {REPORT}."
        ),
        "version": "0.1.0",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": own.descriptor.get("licenses", []),
        "sources": [{"title": "UCDP Georeferenced Event Dataset (GED)", "path": UCDP_DOWNLOADS}],
        "x-imported-from": {
            "file": file.name,
            "sha256": digest,
            "rows": rows,
            "imported": kept,
            "flagged": flagged,
        },
        RELAXED: KEPT_AS_PUBLISHED,
        "resources": resources,
    }


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _in_one_line(row: dict[str, str], fields: list[str]) -> dict[str, str]:
    """The row with each run of line breaks and tabs in a one-line field (a UCDP headline
    wrapped over two lines, say) written as one space, as a one-line cell must be."""
    return row | {f: _BREAKS.sub(" ", row[f]) for f in fields if f in row}


def _write(work: Path, own: DataPackage, converted: Converted, descriptor: dict) -> None:
    if work.exists():
        shutil.rmtree(work)
    (work / "schemas").mkdir(parents=True)
    (work / "datasets").mkdir()
    shutil.copytree(own.basepath / "datasets" / "crosswalks", work / "datasets" / "crosswalks")
    for resource in own.resources:
        schema = resource.schema.descriptor
        if resource.name == "sources":
            schema = _relaxed(schema)
        (work / "schemas" / f"{resource.name}.schema.json").write_text(
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if not resource.path.startswith("datasets/crosswalks/"):  # copied above
            one_line = [f.name for f in resource.schema.fields if not f.multiline]
            rows = [_in_one_line(row, one_line) for row in converted.tables.get(resource.name, [])]
            _write_csv(work / resource.path, resource.schema.field_names, rows)
    for path, text in converted.articles.items():
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    (work / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


@dataclass
class _Judged:
    """What the validator says of a written package, by the file rows behind each problem:
    errors (the first one's reason per row), warnings (a reason per row and rule), and the
    problems no row explains."""

    rejected: dict[int, str]
    flagged: dict[int, dict[str, str]]
    unexplained: list[str]


def _judged(work: Path, converted: Converted, by_line: dict[int, dict[str, str]]) -> _Judged:
    package = load_package(work / "datapackage.json")
    tables = {r.path: r.name for r in package.resources}
    judged = _Judged({}, {}, [])
    names = _draft_names(converted)
    for problem in validate(work / "datapackage.json"):
        origins = converted.origins.get(tables.get(problem.file), [])
        index = None if problem.row is None else problem.row - 2
        if index is None or not 0 <= index < len(origins):
            judged.unexplained.append(problem.as_line())
            continue
        for line in origins[index]:
            reason = _reason(problem, names, by_line[line])
            if problem.severity == WARNING:
                judged.flagged.setdefault(line, {}).setdefault(problem.rule, reason)
            else:
                judged.rejected.setdefault(line, reason)
    return judged


def _reason(problem: Problem, names: dict[str, str], row: dict[str, str]) -> str:
    """The problem in UCDP's terms; a point in a state that has split from the one UCDP
    names is said to be so."""
    if problem.rule == "coordinates-in-country":
        state = country_code(row["country"])
        successor = successor_at(state, float(row["latitude"]), float(row["longitude"]))
        if successor is not None:
            return (
                f"coordinates-in-country: UCDP places the event in {row['country']}, the "
                f"state of its day; the point lies in {successor}, which has split from it "
                "since"
            )
    return _in_ucdp_terms(
        f"{problem.rule}: {problem.file} {problem.column} {problem.value!r}: {problem.hint}",
        names,
    )


def _flag(converted: Converted, flagged: dict[int, dict[str, str]], delimiter: str) -> None:
    """Name in each event's source_flags the rules its UCDP row breaks."""
    for event, lines in zip(converted.tables["events"], converted.origins["events"], strict=True):
        rules = {rule for line in lines for rule in flagged.get(line, {})}
        event["source_flags"] = delimiter.join(sorted(rules))


def _draft_names(converted: Converted) -> dict[str, str]:
    """What each ID of the draft package stands for in UCDP's file: the IDs are given
    afresh once rejected rows are left out, so a reason must not name them."""
    names = {}
    for row in converted.tables["sources"]:
        cited = ", ".join(v for v in (row["publisher"], row["published_date"]) if v)
        names[row["source_id"]] = f"({cited or 'cited as free text'})"
    for row in converted.tables["actors"]:
        names[row["actor_id"]] = f"{row['ucdp_actor_id']} ({row['name']})"
    for row in converted.tables["locations"]:
        names[row["location_id"]] = f"({row['name']})"
    return names


def _in_ucdp_terms(text: str, names: dict[str, str]) -> str:
    return _DRAFT_ID.sub(lambda found: names.get(found.group(), found.group()), text)


def _codes(own: DataPackage) -> Codes:
    tables = read_tables(own).tables
    events = own.resource("events").schema
    violence = own.resource("crosswalk_sub_event_types").schema.field("ucdp_type_of_violence")
    return Codes(
        crosswalks=Crosswalks.from_tables({t: tables[t].typed for t in CROSSWALKS}),
        parents={c["value"]: c["parent"] for c in events.field("sub_event_type").categories},
        violence_labels={c["value"]: c["label"] for c in violence.categories},
        date_precisions=list(events.field("date_precision").enum),
        geo_precisions=list(events.field("geo_precision").enum),
    )


def import_ged(file: Path, out: Path) -> ImportResult:
    """Convert the GED file at `file` into a valid package at `out` (replacing an earlier
    import there); raise ImportFailure if that cannot be done."""
    _check_target(out)
    rows = read_ged(file)
    by_line = dict(rows)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    own = load_package(own_descriptor())
    codes = _codes(own)
    reported: dict[int, str] = {}
    remaining = rows
    try:
        atomic.clean_leftovers(out)
        work = atomic.temp_folder(out)
        try:
            for _ in range(MAX_ROUNDS):
                converted = convert(remaining, codes)
                reported |= converted.skipped
                kept = len(rows) - len(reported)
                _write(work, own, converted, _descriptor(own, file, digest, len(rows), kept, 0))
                judged = _judged(work, converted, by_line)
                if judged.unexplained:
                    _unexplained(judged.unexplained[0])
                if not judged.rejected:
                    break
                reported |= judged.rejected
                remaining = [(line, row) for line, row in remaining if line not in reported]
            else:
                raise ImportFailure(f"the package was still invalid after {MAX_ROUNDS} rounds")
            if judged.flagged:
                flags = own.resource("events").schema.field("source_flags")
                _flag(converted, judged.flagged, flags.delimiter)
                count = len(judged.flagged)
                _write(work, own, converted, _descriptor(own, file, digest, len(rows), kept, count))
                still = errors(validate(work / "datapackage.json"))
                if still:
                    _unexplained(still[0].as_line())
            listed = [
                Reported(line, row.get("id", ""), reported[line])
                for line, row in rows
                if line in reported
            ]
            flagged = [
                Reported(line, row.get("id", ""), reason, FLAGGED)
                for line, row in rows
                for reason in judged.flagged.get(line, {}).values()
            ]
            _write_report(work / REPORT, sorted(listed + flagged, key=lambda r: r.row))
            atomic.publish(work, out, lambda: None)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise ImportFailure(
            f"{out}: cannot be written ({exc.strerror or exc}); check that its folder exists "
            "and is writable"
        ) from exc
    return ImportResult(
        out / "datapackage.json", len(rows), len(rows) - len(listed), listed, flagged
    )


def _unexplained(line: str) -> None:
    raise ImportFailure(
        f"the converted package has problems no row explains (a bug in the importer; please "
        f"report it): {line}"
    )


def _write_report(path: Path, listed: list[Reported]) -> None:
    _write_csv(
        path,
        ["row", "id", "outcome", "rule", "reason"],
        [
            {
                "row": str(r.row),
                "id": r.id,
                "outcome": r.outcome,
                "rule": r.rule,
                "reason": r.reason,
            }
            for r in listed
        ],
    )
