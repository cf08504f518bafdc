"""``kg manifest``: the list of curated data files and their record floors (:mod:`kg.sources.manifest`)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import FORMAT, echo_json


@click.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Folder of curated YAML files.")
@click.option("--update", is_flag=True, help="Write data/MANIFEST from the files as they are now.")
@FORMAT
def manifest(data_dir: Path, update: bool, fmt: str) -> None:
    """Compare data/MANIFEST (every curated file and the fewest records it must hold) with the
    files; --update writes it again after a deliberate change (a file added, removed or cut).

    Every record must pass the loader's checks first. Without --update the exit code is 1 when
    the manifest differs from the files.
    """
    from kg.sources.curated import load_dataset
    from kg.sources.manifest import MANIFEST, update as run_update

    read: dict[str, int | None] = {}
    load_dataset(data_dir, manifest=False, read=read)
    changes = run_update(data_dir, read, write=update)
    if fmt == "json":
        echo_json({"manifest": str(data_dir / MANIFEST), "written": update, "files": read, "changes": changes})
    else:
        for path, c in changes.items():
            before = "not listed" if c["before"] is None else f"{c['before']} records"
            after = "no file" if c["after"] is None else f"{c['after']} records"
            click.echo(f"{path}: {before} -> {after}")
        state = "written" if update else ("differs from the files" if changes else "matches the files")
        click.echo(f"{data_dir / MANIFEST} {state}: {len(read)} files, {sum(n or 0 for n in read.values())} records")
    if changes and not update:
        sys.exit(1)
