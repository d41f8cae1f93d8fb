"""Browse a release in Datasette (`conflict-events serve`): its SQLite database, opened
immutable, with the titles, descriptions, licence and sources of its descriptor, the events
listed first, facets, labels beside codes and a map of the events (datasette-cluster-map).

The metadata (metadata.py) is made from the release each time; the templates beside this
module change only how the pages list tables and show one row. Datasette is an optional
dependency (the `browse` extra): the rest of the package never imports it.
"""

from __future__ import annotations

import asyncio
import errno
import shutil
import socket
import zipfile
from pathlib import Path
from typing import Any

from conflict_events import atomic
from conflict_events.browse.metadata import ROUTE, datasette_metadata
from conflict_events.loader.read import Release
from conflict_events.releases.archive import sha256

INSTALL_HINT = 'pip install "conflict-events[browse]"'
TEMPLATES = Path(__file__).parent / "templates"
# Table pages cut a cell's text after this many characters (Datasette's default is 2,048),
# so that a summary keeps a row a few lines high; the row page shows the whole text.
CELL_CHARACTERS = 120
FACET_VALUES = 10  # the most frequent values a facet lists before its "…" (Datasette's: 30)

__all__ = [
    "ROUTE",
    "BrowseError",
    "check_address",
    "check_datasette",
    "database_file",
    "datasette_metadata",
    "run",
]


class BrowseError(Exception):
    """The release cannot be served; the message says what to do."""


def check_datasette() -> None:
    try:
        import datasette.app  # noqa: F401
        import datasette_cluster_map  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise BrowseError(
            f"serve needs Datasette, which is not installed: {INSTALL_HINT}"
        ) from None


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
    from datasette.plugins import pm

    from conflict_events.browse import labels

    if not pm.is_registered(labels):
        pm.register(labels, name="conflict-events-labels")

    # Datasette 0.65 prints every error page's traceback, locals included, through rich when
    # rich is importable (it is: this package uses it), and for a URL that matches no route
    # rich raises, turning the 404 into a 500. Without rich it just answers the error page.
    datasette.handle_exception.rich = None
    server = Datasette(
        immutables=[str(database)],
        metadata=metadata,
        template_dir=str(TEMPLATES),
        settings={"truncate_cells_html": CELL_CHARACTERS, "default_facet_size": FACET_VALUES},
    )
    # Served under a name without the version's dots (Datasette would write them as ~2E in
    # its URLs), which stays the same from release to release. Name and route are the same:
    # Datasette 0.65 links a code to its label's row by the name, not the route.
    opened = server.databases[database.stem]
    server.remove_database(database.stem)
    server.add_database(opened, name=ROUTE, route=ROUTE)
    asyncio.run(server.invoke_startup())
    uvicorn.run(server.app(), host=host, port=port, log_level="warning", lifespan="on")
