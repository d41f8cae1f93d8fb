#!/usr/bin/env bash
# Redraw the README's pictures of the release in this checkout (run at each release):
# docs/map.png, docs/events.html and docs/timeline.png.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
release="$(mktemp -d)"
trap 'rm -rf "$release"' EXIT
conflict-events build --out "$release/dist" > /dev/null
conflict-events map --source "$release/dist" --out docs/map.png
conflict-events map --source "$release/dist" --out docs/events.html
conflict-events timeline --source "$release/dist" --out docs/timeline.png
