"""Run the real KGX tools (pip ``kgx``: ``kgx validate`` and ``kgx transform``) with no network.

kgx fetches the Biolink model (bmt's default schema URL), a predicate map and its JSON-LD
contexts over HTTP when it is imported. Here it gets them from disk instead:

- the Biolink model: ``../shared/data/biolink-model/biolink-model.yaml`` (the 4.4.4 release the
  project targets); its import ``attributes`` (placeholder slots for source-specific scores) is
  taken from beside it, or else from the ``biolink-model`` package that bmt depends on. Without
  the shared copy the packaged model is used (whatever release is installed);
- the Biolink JSON-LD context (the prefixes kgx accepts in ids): generated from that model with
  LinkML's context generator, as the Biolink release builds its ``context.jsonld``;
- no predicate map (kgx validate and transform do not use it).

The tools run in a child process (``python -m tests.kgx_offline``) that first closes the
network for itself (:func:`kg.query.no_network.forbid_network`), so an attempt to reach it fails
the test instead of passing quietly.

    python -m tests.kgx_offline WORKDIR validate REPORT.json [--prefix=P=IRI...] nodes.tsv edges.tsv
    python -m tests.kgx_offline WORKDIR transform OUT_PREFIX nodes.tsv edges.tsv
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SHARED

SHARED_MODEL = SHARED / "data" / "biolink-model" / "biolink-model.yaml"


def _packaged_schema() -> Path | None:
    """The schema folder of the installed ``biolink-model`` package (a namespace package)."""
    import importlib.util

    spec = importlib.util.find_spec("biolink_model")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        schema = Path(folder) / "schema"
        if (schema / "biolink_model.yaml").exists():
            return schema
    return None


def unavailable() -> str | None:
    """Why kgx cannot run offline here (a reason to skip), or None."""
    try:
        import bmt  # noqa: F401
        import kgx  # noqa: F401
        import linkml  # noqa: F401
    except ImportError as exc:
        return f"kgx is not installed ({exc}); it comes with the test extras"
    if not SHARED_MODEL.exists() and _packaged_schema() is None:
        return f"no Biolink model: neither {SHARED_MODEL} nor the biolink-model package is here"
    if not (SHARED_MODEL.parent / "attributes.yaml").exists() and _packaged_schema() is None:
        return "the Biolink model imports attributes.yaml, found neither beside it nor in the biolink-model package"
    return None


def prepare(workdir: Path) -> tuple[Path, Path]:
    """Lay the Biolink model and its JSON-LD context in ``workdir``; return their paths."""
    workdir.mkdir(parents=True, exist_ok=True)
    schema, context = workdir / "biolink-model.yaml", workdir / "context.jsonld"
    if schema.exists() and context.exists():
        return schema, context
    packaged = _packaged_schema()
    model = SHARED_MODEL if SHARED_MODEL.exists() else packaged / "biolink_model.yaml"
    attributes = model.parent / "attributes.yaml"
    if not attributes.exists():
        attributes = packaged / "attributes.yaml"
    shutil.copyfile(model, schema)
    shutil.copyfile(attributes, workdir / "attributes.yaml")
    from linkml.generators.jsonldcontextgen import ContextGenerator

    context.write_text(ContextGenerator(str(schema)).serialize(), encoding="utf-8")
    return schema, context


def context_prefixes(context: Path) -> dict[str, str]:
    """Prefix -> expansion of a JSON-LD context, as kgx's validator reads it."""
    ctx = json.loads(context.read_text(encoding="utf-8"))["@context"]
    return {k: (v if isinstance(v, str) else v["@id"]) for k, v in ctx.items()
            if (isinstance(v, str) or (isinstance(v, dict) and v.get("@prefix"))) and not k.startswith("@")}


def _offline(workdir: Path) -> None:
    """Point bmt and kgx at the files in ``workdir`` (call before anything imports kgx)."""
    from kg.query.no_network import filter_supported, forbid_network

    if filter_supported():
        forbid_network()
    local, context = prepare(workdir)
    import bmt

    class LocalToolkit(bmt.Toolkit):
        """bmt's Toolkit reading the local model: any schema URL (bmt's default, or kgx's for a
        --biolink-release) is replaced by it."""

        def __init__(self, schema=None, predicate_map=None, **kw):
            if schema is not None and not str(schema).startswith(("http:", "https:")):
                raise ValueError(f"unexpected Biolink schema {schema!r}")
            super().__init__(str(local), {"predicate mappings": []}, **kw)

    bmt.Toolkit = LocalToolkit
    import kgx.config

    ctx = json.loads(context.read_text(encoding="utf-8"))["@context"]
    kgx.config.jsonld_context_map.update({"biolink": ctx, "monarch_context": {}, "obo_context": {}})


def run(workdir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run this module in a child process (see the module docstring for the arguments)."""
    return subprocess.run([sys.executable, "-m", "tests.kgx_offline", str(workdir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def main(argv: list[str]) -> int:
    workdir, command, out, *inputs = argv
    _offline(Path(workdir))
    # --prefix=P=IRI: a prefix the validator is told of besides Biolink's (the export's own)
    extra = dict(a[len("--prefix="):].split("=", 1) for a in inputs if a.startswith("--prefix="))
    inputs = [a for a in inputs if not a.startswith("--prefix=")]
    if extra:
        import kgx.config

        kgx.config.jsonld_context_map["biolink"].update(extra)
    from kgx.cli import cli_utils

    if command == "validate":
        # kgx's own report keeps one entity per distinct message (log_error overwrites the list):
        # record every error it logs as well, so that each one is counted
        from kgx.error_detection import ErrorDetecting

        logged, log_error = [], ErrorDetecting.log_error

        def record(self, entity, error_type, message, message_level=None, **kw):
            level = message_level.name if message_level is not None else "ERROR"
            logged.append({"level": level, "type": error_type.name, "entity": str(entity).strip(), "message": message})
            return log_error(self, entity, error_type, message, *(() if message_level is None else (message_level,)))

        ErrorDetecting.log_error = record
        report = cli_utils.validate(inputs, "tsv", None, None, None)
        Path(out).write_text(json.dumps({"logged": logged, "report": report}, indent=1, default=str), encoding="utf-8")
    elif command == "transform":
        cli_utils.transform(inputs, input_format="tsv", output=out, output_format="tsv", stream=False)
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
