"""Find and read a data package descriptor and the Table Schemas its resources point to."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frictionless

from conflict_events.metadata.schema import TableSchema
from conflict_events.paths import is_installed, own_descriptor, own_root

DESCRIPTOR_NAME = "datapackage.json"


class PackageError(Exception):
    """The descriptor is missing or cannot be read at all (a usage error, not invalid data)."""


def default_descriptor() -> Path:
    """The descriptor commands read when none is named: the current folder's
    datapackage.json if there is one, else, in a checkout of the repository, the
    repository's. An installed package carries no article texts, so it offers none of its
    own: the current folder's is named, and reported missing."""
    here = Path.cwd() / DESCRIPTOR_NAME
    return here if here.is_file() or is_installed() else own_descriptor()


def canonical_tables() -> list[str]:
    """The tables every conflict-events package has: one per schema file this install ships."""
    return sorted(
        p.name.removesuffix(".schema.json") for p in (own_root() / "schemas").glob("*.schema.json")
    )


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a scheme (http:, file:, ...) or a drive


def is_url(path: str) -> bool:
    """Whether a path names a URL (or a drive), never read as a file of the package."""
    return _URL.match(path) is not None


def path_inside(basepath: Path, relative: str) -> Path | None:
    """The file a relative path names, or None if the path leads outside `basepath` (an
    absolute path, a URL, a '..' or a link out)."""
    root = basepath.resolve()
    candidate = (root / relative).resolve()
    if Path(relative).is_absolute() or is_url(relative) or not candidate.is_relative_to(root):
        return None
    return candidate


def paths_inside(basepath: Path) -> Callable[[str], str | None]:
    """path_inside for many files in few folders (a package's articles), as plain path
    strings: each folder is resolved and listed once, and only a file that is itself a
    link is resolved whole. 200,000 articles took 12 s one Path at a time."""
    folders: dict[str, tuple[str, frozenset[str]] | None] = {}

    def inside(relative: str) -> str | None:
        folder, name = os.path.split(relative)
        if os.path.isabs(relative) or name in ("", ".", ".."):
            return _as_text(path_inside(basepath, relative))
        if folder not in folders:
            parent = path_inside(basepath, folder or ".")
            folders[folder] = None if parent is None else (str(parent), _links_in(parent))
        known = folders[folder]
        if known is None:
            return None
        parent, links = known
        if name in links:
            return _as_text(path_inside(basepath, relative))
        return os.path.join(parent, name)

    return inside


def _as_text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _links_in(folder: Path) -> frozenset[str]:
    """The names in a folder that are symbolic links (none if it is not a folder)."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(e.name for e in entries if e.is_symlink())
    except OSError:
        return frozenset()


@dataclass
class Resource:
    """One table of the package: where its file is and the schema it must follow."""

    name: str
    path: str
    descriptor: dict[str, Any]
    schema: TableSchema | None
    schema_error: str | None = None

    @property
    def is_csv(self) -> bool:
        """CSV tables are what the rules read; a release's Parquet copies are checked by
        frictionless and by their hashes."""
        return self.descriptor.get("format", Path(self.path).suffix.lstrip(".")) == "csv"

    def file(self, basepath: Path) -> Path | None:
        """The table's file; None when its path leads outside the package (never read)."""
        return path_inside(basepath, self.path)


@dataclass
class DataPackage:
    descriptor_path: Path
    descriptor: dict[str, Any]
    resources: list[Resource] = field(default_factory=list)

    @property
    def basepath(self) -> Path:
        return self.descriptor_path.parent

    @property
    def descriptor_file(self) -> str:
        return self.descriptor_path.name

    def data_paths(self) -> list[str]:
        """The top-level files and folders holding the data: descriptor, tables, schemas,
        articles (whatever lies beside them, such as a release folder, is not data)."""
        paths = [r.path for r in self.resources]
        paths += [
            r.descriptor["schema"]
            for r in self.resources
            if isinstance(r.descriptor.get("schema"), str)
        ]
        return sorted({self.descriptor_file, *(Path(p).parts[0] for p in paths)})

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.resources if r.name == name), None)


def metadata_errors(kind: type[frictionless.Metadata], descriptor: dict) -> list[Any]:
    """frictionless-py's errors in a package, resource or schema descriptor, read as it
    reads one: its checks assume the transform that fills in what v2 lets a descriptor
    leave out (a self-reference's resource), which `metadata_validate` alone skips."""
    read = copy.deepcopy(descriptor)
    kind.metadata_transform(read)
    return list(kind.metadata_validate(read))


def _schema_problems(descriptor: Any) -> list[str]:
    """Why a Table Schema cannot be used, in the standard's words and ours; [] when it can."""
    if not isinstance(descriptor, dict):
        return ["a Table Schema must be a JSON object"]
    keys = descriptor.get("foreignKeys", [])
    if not isinstance(keys, list) or not all(
        isinstance(fk, dict) and "fields" in fk and isinstance(fk.get("reference"), dict)
        for fk in keys
    ):  # checked first: frictionless-py itself fails on such keys
        return ["each foreign key needs 'fields' and a 'reference' object"]
    try:
        notes = [error.note for error in metadata_errors(frictionless.Schema, descriptor)]
    except Exception as exc:  # a shape frictionless-py does not foresee
        return [f"the schema cannot be read as a Table Schema ({type(exc).__name__}: {exc})"]
    if notes:
        return notes
    schema = TableSchema(descriptor)
    for column in schema.fields:
        if column.pattern is not None:
            try:
                re.compile(column.pattern)
            except re.error as exc:
                notes.append(
                    f"field {column.name}: pattern {column.pattern!r} is not a regex ({exc})"
                )
    names = set(schema.field_names)
    for fk in keys:
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        notes += [f"foreignKeys names unknown field {f!r}" for f in fields if f not in names]
    return notes


def _read_schema(basepath: Path, ref: Any) -> tuple[TableSchema | None, str | None]:
    """Resolve a resource's schema, inline or by relative path; say why when it can't be."""
    if isinstance(ref, str):
        file = path_inside(basepath, ref)
        if file is None:
            return None, f"schema path {ref} leads outside the package"
        try:
            ref = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, f"schema file {ref} does not exist"
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return None, f"schema file {ref} cannot be read as JSON: {exc}"
    elif ref is None:
        return None, "the resource has no schema"
    problems = _schema_problems(ref)
    if problems:
        return None, "; ".join(problems)
    return TableSchema(ref), None


def load_package(descriptor_path: str | Path) -> DataPackage:
    """Read a descriptor. Raises PackageError only when the descriptor itself is unusable."""
    path = Path(descriptor_path)
    if path.is_dir():
        path = path / DESCRIPTOR_NAME
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PackageError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PackageError(f"{path}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise PackageError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(descriptor, dict):
        raise PackageError(f"{path}: a data package descriptor must be a JSON object")

    package = DataPackage(descriptor_path=path.resolve(), descriptor=descriptor)
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            continue  # the structure layer reports the descriptor error; nothing here can read it
        if res.get("type") == "file" and "schema" not in res:
            schema, error = None, None  # a plain file, such as a stored article in a release
        else:
            schema, error = _read_schema(package.basepath, res.get("schema"))
        package.resources.append(
            Resource(
                name=str(res.get("name", res["path"])),
                path=res["path"],
                descriptor=res,
                schema=schema,
                schema_error=error,
            )
        )
    return package
