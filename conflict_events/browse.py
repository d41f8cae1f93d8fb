"""Browse a release in Datasette (`conflict-events serve`): its SQLite database, opened
immutable, with the titles, descriptions, licence and sources of its descriptor.

Datasette's metadata is made here from the release's own datapackage.json each time, not
stored beside the database, so it says what the descriptor says and nothing can drift.
Datasette is an optional dependency (the `browse` extra): the rest of the package never
imports it.
"""

from __future__ import annotations

import asyncio
import errno
import html
import json
import shutil
import socket
import zipfile
from pathlib import Path
from typing import Any

from conflict_events import atomic
from conflict_events.build.sqlite import (
    LABEL_COLUMN,
    OWN_TABLES,
    About,
    lookup_about,
    vocabularies,
)
from conflict_events.loader.read import Release
from conflict_events.metadata import DESCRIPTOR_NAME
from conflict_events.releases.archive import sha256

ROUTE = "conflict-events"  # the database's URL: /conflict-events/events
INSTALL_HINT = 'pip install "conflict-events[browse]"'


class BrowseError(Exception):
    """The release cannot be served; the message says what to do."""


def check_datasette() -> None:
    try:
        import datasette.app  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise BrowseError(
            f"serve needs Datasette, which is not installed: {INSTALL_HINT}"
        ) from None


def _descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def database_file(release: Release, source: str | None, version: str | None) -> Path:
    """The release's SQLite database, unpacked once into the cache from its zip, which is
    found or fetched as the loader finds a release's downloads and checked against the
    SHA-256 the release records."""
    from conflict_events.loader import LoadError, cache_dir
    from conflict_events.loader.sources import download

    try:
        zipped = download(release, "sqlite", source, version)
    except LoadError as exc:
        raise BrowseError(str(exc)) from None
    target = cache_dir() / "databases" / sha256(zipped)[:16]
    with zipfile.ZipFile(zipped) as archive:
        [member] = [i for i in archive.infolist() if i.filename.endswith(".sqlite")]
        database = target / Path(member.filename).name
        if not database.is_file():
            target.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as packed, atomic.written(database) as out:
                shutil.copyfileobj(packed, out, 1 << 20)
    return database


def _links(heading: str, items: list[dict[str, Any]]) -> str:
    entries = "".join(
        f'<li><a href="{html.escape(i.get("path", ""))}">'
        f"{html.escape(i.get('title') or i.get('name') or i.get('path', ''))}</a></li>"
        for i in items
    )
    return f"<p>{html.escape(heading)}</p><ul>{entries}</ul>"


def datasette_metadata(release: Release, database: Path) -> dict[str, Any]:
    """Datasette's metadata for `release`: the package's title, description,
    licence and sources, and each table's and column's title and description.

    Datasette shows one licence and one source as links of their own; a package with
    several lists them all in its description. Each lookup table of codes names its label
    column, which Datasette then shows beside every code that refers to it."""
    descriptor = _descriptor(release.folder)
    text = f"{descriptor.get('description', '')} Release {descriptor['version']}, "
    text += f"built {descriptor.get('created', 'at an unrecorded time')}."
    metadata: dict[str, Any] = {"title": descriptor.get("title", descriptor.get("name", ""))}
    parts = [f"<p>{html.escape(text.strip())}</p>"]
    for key, heading, single in [
        ("licenses", "Licences:", "license"),
        ("sources", "Sources:", "source"),
    ]:
        items = descriptor.get(key, [])
        if len(items) == 1:
            metadata[single] = items[0].get("title") or items[0].get("name", "")
            metadata[f"{single}_url"] = items[0].get("path", "")
        elif items:
            parts.append(_links(heading, items))
    metadata["description_html"] = "".join(parts)
    if "homepage" in descriptor:
        metadata |= {
            "about": descriptor.get("name", "homepage"),
            "about_url": descriptor["homepage"],
        }
    about = {
        name: About(r.get("title", name), r.get("description", ""), release.schema(name))
        for name, r in release.tables.items()
    }
    lookups = {name: lookup_about(field) for name, field in vocabularies(about).items()}
    tables = {name: _table(table) for name, table in (about | lookups).items()}
    for name in lookups:
        tables[name]["label_column"] = LABEL_COLUMN
    tables |= {name: {"description": text} for name, text in OWN_TABLES.items()}
    metadata["databases"] = {database.stem: {"tables": tables}}
    return metadata


def _table(about: About) -> dict[str, Any]:
    return {
        "title": about.title,
        "description": about.description,
        "columns": {f.name: f.description or "" for f in about.schema.fields},
    }


def check_address(host: str, port: int) -> None:
    """Fail in one line, before Datasette starts, when the address cannot be listened on."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )[0]
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn will
            probe.bind(address)
    except OSError as exc:
        hint = "choose another --port" if exc.errno == errno.EADDRINUSE else "check --host"
        raise BrowseError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): {hint}"
        ) from None


def run(database: Path, metadata: dict[str, Any], host: str, port: int) -> None:
    """Serve `database` read-only until interrupted. `immutables` opens it with SQLite's
    immutable flag: no write, no lock, no journal beside a release's checksummed files."""
    import datasette.handle_exception
    import uvicorn
    from datasette.app import Datasette

    # Datasette 0.65 prints every error page's traceback, locals included, through rich when
    # rich is importable (it is: this package uses it), and for a URL that matches no route
    # rich raises, turning the 404 into a 500. Without rich it just answers the error page.
    datasette.handle_exception.rich = None
    server = Datasette(immutables=[str(database)], metadata=metadata)
    # Named by its file, as Datasette does, but at a route without the version's dots
    # (Datasette would write them as ~2E), which stays the same from release to release.
    opened = server.databases[database.stem]
    server.remove_database(database.stem)
    server.add_database(opened, name=database.stem, route=ROUTE)
    asyncio.run(server.invoke_startup())
    uvicorn.run(server.app(), host=host, port=port, log_level="warning", lifespan="on")
