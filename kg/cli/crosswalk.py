"""``kg crosswalk``: (re)make the indications' crosswalk table from the shared Mondo and OncoTree files."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import FORMAT, echo_json


@click.command("crosswalk")
@click.option("--shared", "shared_data", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding mondo/*.sssom.tsv and oncotree/oncotree_*.json.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="Folder of curated YAML files; the table is written to its crosswalk/ folder.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the table is not what the files give.")
@FORMAT
def crosswalk(shared_data: Path, data_dir: Path, check: bool, fmt: str) -> None:
    """Keep the rows of Mondo's exact-match sets (NCIt, DOID, EFO) and OncoTree cross-reference
    set whose subject is a MONDO id of the curated indications, name the OncoTree codes from the
    OncoTree release, and write data/crosswalk/indications.sssom.tsv (the build reads only that)."""
    from kg.errors import KGError
    from kg.fsutil import atomic_write
    from kg.sources.crosswalk import TABLE, regenerate
    from kg.sources.curated import load_dataset

    records = load_dataset(data_dir, crosswalk=False)  # the table itself is not read: it may be stale
    text, summary = regenerate((i.id for i in records.records.get("indications", ()) if i.id.startswith("MONDO:")),
                               shared_data)
    path = data_dir / TABLE
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    same = current == text
    if not check and not same:
        atomic_write(path, text.encode("utf-8"))
    report = {"table": str(path), "rows": summary["rows"], "indications": len(summary["indications"]),
              "up_to_date": same, "written": not check and not same, "rejected_upstream": summary["rejected"],
              "absent_from_oncotree": summary["absent_from_oncotree"]}
    if fmt == "json":
        echo_json(report)
    else:
        state = "up to date" if same else ("out of date" if check else "written")
        click.echo(f"{path}: {summary['rows']} mappings of {len(summary['indications'])} MONDO indications, {state}")
        for line in summary["rejected"]:
            click.echo(f"left out (upstream row not valid): {line}", err=True)
    if check and not same:
        raise KGError(f"{path} is not what {shared_data} gives: run 'kg crosswalk' to remake it")
