"""Find and read a data package descriptor and the Table Schemas its resources point to."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflict_events.metadata.schema import TableSchema

DESCRIPTOR_NAME = "datapackage.json"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


class PackageError(Exception):
    """The descriptor is missing or cannot be read at all (a usage error, not invalid data)."""


def default_descriptor() -> Path:
    """The descriptor validated when none is named.

    The current folder's datapackage.json if there is one (a checkout of the repository),
    else the data package shipped inside the installed wheel, else the source tree's own.
    """
    here = Path.cwd() / DESCRIPTOR_NAME
    if here.is_file():
        return here
    shipped = _PACKAGE_DIR / "_data" / DESCRIPTOR_NAME
    if shipped.is_file():
        return shipped
    return _PACKAGE_DIR.parent / DESCRIPTOR_NAME


def path_inside(basepath: Path, relative: str) -> Path | None:
    """The file a relative path names, or None if the path leads outside `basepath`."""
    root = basepath.resolve()
    candidate = (root / relative).resolve()
    if Path(relative).is_absolute() or not candidate.is_relative_to(root):
        return None
    return candidate


@dataclass
class Resource:
    """One table of the package: where its file is and the schema it must follow."""

    name: str
    path: str
    descriptor: dict[str, Any]
    schema: TableSchema | None
    schema_error: str | None = None

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

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.resources if r.name == name), None)


def _read_schema(basepath: Path, ref: Any) -> tuple[TableSchema | None, str | None]:
    """Resolve a resource's schema, inline or by relative path; say why when it can't be."""
    if isinstance(ref, dict):
        return TableSchema(ref), None
    if not isinstance(ref, str):
        return None, "the resource has no schema"
    path = basepath / ref
    try:
        return TableSchema(json.loads(path.read_text(encoding="utf-8"))), None
    except FileNotFoundError:
        return None, f"schema file {ref} does not exist"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"schema file {ref} cannot be read as JSON: {exc}"


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
    for res in descriptor.get("resources", []) or []:
        if not isinstance(res, dict) or not isinstance(res.get("path"), str):
            continue  # reported by the structure layer; nothing here can read it
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
