"""The official Data Package v2 JSON Schema profiles, as dplib-py ships them, offline.

dplib-py 1.1.0's own lookup of its bundled copies fails on the profiles' URLs and goes to the
network, so the files are read from its folder and checked with jsonschema directly.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from dplib import settings
from jsonschema.validators import validator_for


@functools.cache
def _validator(name: str):
    profile = json.loads(
        (Path(settings.PROFILE_BASEDIR) / "2.0" / name).read_text(encoding="utf-8")
    )
    return validator_for(profile)(profile)


def v2_errors(folder: Path) -> list[str]:
    """Where the descriptor in `folder` and each schema file it names break the profiles."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    errors = [
        f"datapackage.json: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in _validator("datapackage.json").iter_errors(descriptor)
    ]
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema")
        if isinstance(schema, str):
            table = json.loads((folder / schema).read_text(encoding="utf-8"))
            errors += [
                f"{schema}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                for e in _validator("tableschema.json").iter_errors(table)
            ]
    return errors
