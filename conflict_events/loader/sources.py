"""Find the release to load and make it a verified folder on disk, downloading if needed.

A source is this install's own release (the default), a local release folder, zip or
datapackage.json, a URL of a release zip or datapackage.json, or a pinned version from the
registry of published releases. Downloads go through pooch into a per-user cache and are
checked against known SHA-256s; a file that fails is removed, never used. Every release is
verified whole once and then by the files loads read (see conflict_events.loader.verified).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pooch
import requests

from conflict_events import atomic, package_version
from conflict_events.loader.read import LoadError, Release
from conflict_events.loader.verified import checked, remembered
from conflict_events.metadata import DESCRIPTOR_NAME, PackageError, load_package
from conflict_events.paths import PACKAGE_DIR, own_descriptor
from conflict_events.releases.archive import CHECKSUMS, main_zip, read_sums, release_stem, sha256
from conflict_events.versions.opening import extract_zip

CACHE_ENV = "CONFLICT_EVENTS_CACHE"
RELEASES_ENV = "CONFLICT_EVENTS_RELEASES"  # where published release zips are: <base>/<zip name>
REGISTRY_ENV = "CONFLICT_EVENTS_REGISTRY"  # a registry file to use instead of the shipped one
pooch.get_logger().setLevel("WARNING")  # pooch's advice on hashes is for developers, not users
_SHIPPED_RELEASE = PACKAGE_DIR / "_data" / "release"
_REGISTRY = PACKAGE_DIR / "releases.json"


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or pooch.os_cache("conflict-events"))


def clear_cache() -> Path:
    """Delete every downloaded or built release from the cache; the folder it was."""
    folder = cache_dir()
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def registry_file() -> Path:
    return Path(os.environ.get(REGISTRY_ENV) or _REGISTRY)


def known_releases() -> dict[str, dict[str, str]]:
    """Published versions, each with the SHA-256 of every zip of the release by file name
    (the registry: what `conflict-events-<version>.sha256` records)."""
    registry = registry_file()
    return json.loads(registry.read_text(encoding="utf-8")) if registry.is_file() else {}


def _markers() -> Path:
    """Where what was verified of each release folder is kept."""
    return cache_dir() / "verified"


def _verified(folder: Path, shown: str) -> Release:
    return checked(folder, shown, _markers())


# The name of this install's own release in the cache, by the data files' sizes and times, so
# editing the data in a checkout is noticed without hashing the package on every load.
_OWN: dict[tuple, str] = {}


@functools.lru_cache
def _data_paths(descriptor: Path, modified: int) -> tuple[str, ...]:
    return tuple(load_package(descriptor).data_paths())


def _data_stamp(root: Path) -> tuple:
    """(path, size, modified) of every file and folder holding the data."""
    descriptor = root / DESCRIPTOR_NAME
    entries = []
    for name in _data_paths(descriptor, descriptor.stat().st_mtime_ns):
        top = root / name
        for path in [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]:
            info = path.stat()
            entries.append((path.relative_to(root).as_posix(), info.st_size, info.st_mtime_ns))
    return tuple(entries)


def _own_release() -> Release:
    """The release shipped in the wheel; in a source checkout, one built once into the cache."""
    if (_SHIPPED_RELEASE / DESCRIPTOR_NAME).is_file():
        return _verified(_SHIPPED_RELEASE, "the release shipped with this install")
    root = own_descriptor().parent
    stamp = _data_stamp(root)
    if stamp not in _OWN:
        digest = hashlib.sha256()
        for name, *_ in stamp:
            if (root / name).is_file():
                digest.update(name.encode() + sha256(root / name).encode())
        _OWN[stamp] = f"{package_version()}-{digest.hexdigest()[:16]}"
    folder = cache_dir() / "local" / _OWN[stamp]
    if not (folder / DESCRIPTOR_NAME).is_file():
        _build(root / DESCRIPTOR_NAME, folder)
    return _verified(folder, str(folder))


def _build(descriptor: Path, folder: Path) -> None:
    """Build the checkout's release by the command a maintainer runs: the loader reads
    releases and leaves making them to the build, in a process of its own."""
    command = [
        sys.executable,
        "-m",
        "conflict_events",
        "build",
        str(descriptor),
        "--out",
        str(folder),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise LoadError(
            f"the checkout's release could not be built: {said[-1] if said else done.returncode}"
        )


def _fetch(url: str, known_hash: str | None, folder: Path, name: str) -> Path:
    """One file through pooch; a cached copy that fails its hash is removed first."""
    target = folder / name
    if target.is_file() and known_hash and sha256(target) != known_hash:
        target.unlink()  # corrupted in the cache: never used, fetched again below
    try:
        hashed = known_hash and f"sha256:{known_hash}"
        return Path(pooch.retrieve(url, known_hash=hashed, fname=name, path=folder))
    except requests.HTTPError as exc:
        raise LoadError(
            f"cannot download {url}: the server answered {exc.response.status_code}"
        ) from exc
    except requests.RequestException as exc:
        raise LoadError(
            f"cannot download {url} ({type(exc).__name__}) and it is not in the cache at {cache_dir()}"
        ) from exc
    except ValueError as exc:  # pooch: the download does not have the SHA-256 expected
        raise LoadError(f"{url} does not match its recorded SHA-256; it was not kept") from exc


@contextmanager
def _discarded_on_failure(*folders: Path) -> Iterator[None]:
    """A download that turns out wrong is removed from the cache whole, never reused."""
    try:
        yield
    except LoadError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _checked_beside(zip_path: Path, digest: str) -> None:
    """A zip with its release's `.sha256` beside it (as published) must have the SHA-256
    recorded there: a record from outside the zip, checked before anything is unpacked."""
    record = zip_path.with_suffix(".sha256")
    if not record.is_file():
        return
    recorded = read_sums(record.read_text(encoding="utf-8", errors="replace")).get(zip_path.name)
    if recorded is not None and recorded != digest:
        raise LoadError(f"{zip_path} is damaged: its SHA-256 is not the one {record.name} records")


def _clear_abandoned(folder: Path) -> None:
    """Remove what an unpacking killed outright (SIGKILL, SIGTERM) left beside `folder`:
    `.<name>.<pid>.<random>` of a process no longer running."""
    for leftover in folder.parent.glob(f".{folder.name}.*.*"):
        pid = leftover.name.split(".")[2]
        if pid.isdigit() and not atomic.alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _from_zip(zip_path: Path, shown: str) -> Release:
    """The release in a zip, unpacked once into the cache (by the zip's SHA-256). Each
    process unpacks into a folder of its own and moves it into place whole; one that finds
    another process finished first uses that. Nothing is left behind on a refusal or an
    interruption."""
    digest = sha256(zip_path)
    _checked_beside(zip_path, digest)
    folder = cache_dir() / "releases" / digest[:16]
    if not (folder / DESCRIPTOR_NAME).is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        _clear_abandoned(folder)
        partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.{os.getpid()}.", dir=folder.parent))
        try:
            extract_zip(zip_path, partial)
            if not (partial / DESCRIPTOR_NAME).is_file():
                raise LoadError(f"{shown} holds no {DESCRIPTOR_NAME} at its top")
            if not atomic.settle(partial, folder) and not (folder / DESCRIPTOR_NAME).is_file():
                raise LoadError(f"{folder} is in the way: run conflict-events cache clear")
        except PackageError as exc:
            raise LoadError(str(exc)) from exc
        finally:
            shutil.rmtree(partial, ignore_errors=True)
            with contextlib.suppress(OSError):
                folder.parent.rmdir()  # only if nothing is cached there
    with _discarded_on_failure(folder):
        return _verified(folder, shown)


def _from_zip_url(url: str, known_hash: str | None, folder: Path) -> Release:
    name = url.rsplit("/", 1)[1]
    with _discarded_on_failure(folder):
        return _from_zip(_fetch(url, known_hash, folder, name), url)


def _from_descriptor_url(url: str) -> Release:
    """From the cache when it holds the release verified and intact; else every file that
    SHA256SUMS lists is fetched again where missing or not of its recorded SHA-256, and the
    whole is verified."""
    folder = cache_dir() / "urls" / hashlib.sha256(url.encode()).hexdigest()[:16]
    with contextlib.suppress(LoadError):  # a damaged file is fetched again below
        known = remembered(folder, url, _markers())
        if known is not None:
            return known
    base = url.rsplit("/", 1)[0]
    with _discarded_on_failure(folder):
        descriptor_file = folder / DESCRIPTOR_NAME
        if not descriptor_file.is_file():
            _fetch(url, None, folder, DESCRIPTOR_NAME)
        try:
            descriptor: dict[str, Any] = json.loads(descriptor_file.read_text(encoding="utf-8"))
            if not isinstance(descriptor["resources"], list):
                raise TypeError("resources is not a list")
        except (ValueError, KeyError, TypeError) as exc:
            raise LoadError(
                f"{url} is not a release descriptor ({type(exc).__name__}: {exc})"
            ) from exc
        sums = folder / CHECKSUMS
        sums.unlink(missing_ok=True)  # the list of files to fetch: always the server's own
        _fetch(f"{base}/{CHECKSUMS}", None, folder, CHECKSUMS)
        listed = read_sums(sums.read_text(encoding="utf-8", errors="replace"))
        if listed.get(DESCRIPTOR_NAME) not in (None, sha256(descriptor_file)):
            descriptor_file.unlink()  # another release's descriptor: fetched again next time
            raise LoadError(f"{url} does not match the SHA-256 its {CHECKSUMS} records")
        for path, recorded in listed.items():
            if path == DESCRIPTOR_NAME:
                continue
            if ".." in Path(path).parts or Path(path).is_absolute():
                raise LoadError(f"{url} names a file outside its folder: {path}")
            _fetch(f"{base}/{path}", recorded, folder, path)
        return _verified(folder, url)


def download(
    release: Release, name: str, source: str | Path | None = None, version: str | None = None
) -> Path:
    """One of the release's other zips ('csv', 'sqlite'), checked against the SHA-256 its
    descriptor records: from beside the release folder or the zip it was read from, else
    fetched from where the release was published (a URL source, or a pinned version)."""
    descriptor = json.loads((release.folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    recorded = descriptor.get("x-build", {}).get("artifacts", [])
    entry = next((a for a in recorded if isinstance(a, dict) and a.get("name") == name), None)
    if entry is None:
        raise LoadError(
            f"release {release.version} records no {name} download (releases record them "
            "from 0.2.0 on): build it again, or run conflict-events cache clear if it is "
            "this install's own release"
        )
    path, digest = entry["path"], str(entry["hash"]).removeprefix("sha256:")
    nearby = [release.folder / path]
    if source is not None and not str(source).startswith(("http://", "https://")):
        given = Path(source)
        nearby.append((given if given.is_dir() else given.parent) / path)
    for candidate in nearby:
        if candidate.is_file():
            if sha256(candidate) != digest:
                raise LoadError(f"{candidate} is damaged: its SHA-256 is not the one recorded")
            return candidate
    base = None
    if version is not None:
        base = os.environ.get(RELEASES_ENV, "").rstrip("/") or None
    elif source is not None and str(source).startswith(("http://", "https://")):
        base = str(source).rsplit("/", 1)[0]
    if base is None:
        raise LoadError(
            f"{path} is not beside the release: download it next to {nearby[-1].parent}"
        )
    folder = cache_dir() / "downloads" / digest[:16]
    with _discarded_on_failure(folder):
        return _fetch(f"{base}/{path}", digest, folder, path)


def resolve(source: str | Path | None = None, version: str | None = None) -> Release:
    """The verified release to read from."""
    if source is not None and version is not None:
        raise LoadError("give either source= or version=, not both")
    if source is None and version is None:
        return _own_release()
    if version is not None:
        registry = known_releases()
        if version not in registry:
            known = ", ".join(sorted(registry)) or "none yet"
            raise LoadError(f"unknown version {version!r}; published versions: {known}")
        base = os.environ.get(RELEASES_ENV)
        if not base:
            raise LoadError(f"set {RELEASES_ENV} to where releases are published, or pass source=")
        name = main_zip(release_stem(version))
        recorded = registry[version].get(name) if isinstance(registry[version], dict) else None
        if recorded is None:
            raise LoadError(f"the registry records no SHA-256 for {name}")
        url = f"{base.rstrip('/')}/{name}"
        return _from_zip_url(url, recorded, cache_dir() / "zips" / version)
    text = str(source)
    if text.startswith(("http://", "https://")):
        if urlsplit(text).path.endswith(".zip"):
            folder = cache_dir() / "zips" / hashlib.sha256(text.encode()).hexdigest()[:16]
            return _from_zip_url(text, None, folder)
        return _from_descriptor_url(text)
    if not isinstance(source, str | os.PathLike):
        raise LoadError(f"source= takes a path or URL, not {type(source).__name__}")
    path = Path(source)
    if not path.exists():
        raise LoadError(f"{path}: no such release folder, zip or datapackage.json")
    if path.suffix == ".zip":
        return _from_zip(path, str(path))
    return _verified(path if path.is_dir() else path.parent, str(path))
