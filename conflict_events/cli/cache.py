"""`conflict-events cache`: the per-user cache of downloaded releases."""

from __future__ import annotations

import typer

from conflict_events.console import say

cache_app = typer.Typer(help="The per-user cache of downloaded releases.", no_args_is_help=True)


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every downloaded or built release from the cache."""
    from conflict_events.loader.sources import clear_cache

    say(f"cleared {clear_cache()}")
