"""Names of cancer drugs a reader must know before the graph does: brand names and the
international non-proprietary names (INNs) that no INN stem gives away ("trastuzumab
deruxtecan", "everolimus", "lenalidomide").

The table (``drug_names.tsv``: name, INN, source) is built from the Molecular Oncology
Almanac's regulatory documents (each FDA, EMA, Health Canada or HPRA label names its brand and
generic drug) and its therapies, by :func:`from_moalmanac`; rows it cannot give (brands of drugs
withdrawn before its release, such as Blenrep or Pepaxto) are added by hand, each with the FDA
page or sponsor notice that names the pair. A US suffix ("amivantamab-vmjw") is left out of the
INN; a brand that is also an ordinary English word is left out of the table.

>>> NAMES["Lumakras"], NAMES["Enhertu"], NAMES["trastuzumab deruxtecan"]
('sotorasib', 'trastuzumab deruxtecan', 'trastuzumab deruxtecan')
>>> inn("fam-trastuzumab deruxtecan-nxki"), inn("Amivantamab-vmjw"), inn("melphalan flufenamide")
('trastuzumab deruxtecan', 'amivantamab', 'melphalan flufenamide')
"""
from __future__ import annotations

import json
import re
from pathlib import Path

TABLE = Path(__file__).with_name("drug_names.tsv")
#: a US biologic's four-letter suffix, and the "fam-"/"ado-" prefixes of some conjugates
_US_SUFFIX = re.compile(r"-[a-z]{4}$")
_PREFIX = re.compile(r"^(?:fam|ado)-")
#: generic words and non-drugs the Almanac lists as therapies ("Corticosteroid", "Interferon Alpha")
_NOT_NAMES = {"corticosteroid", "interferon alpha", "prednisone", "prednisolone"}


def inn(name: str) -> str:
    """An INN as the table keeps it: lower case, without a US suffix or a "fam-"/"ado-" prefix.

    >>> inn("Ado-trastuzumab emtansine"), inn("cosibelimab-ipdl")
    ('trastuzumab emtansine', 'cosibelimab')
    """
    name = " ".join(name.lower().split())
    return _US_SUFFIX.sub("", _PREFIX.sub("", name))


def from_moalmanac(folder: str | Path) -> list[tuple[str, str, str]]:
    """(name, INN, source) rows from the Almanac's documents (brand -> generic) and therapies
    (each multi-word INN, and each one-word INN, as itself); a document naming a combination
    ("abiraterone acetate and niraparib") gives no row.

    >>> import tempfile, json; d = Path(tempfile.mkdtemp())
    >>> _ = (d / "documents.json").write_text(json.dumps([{"id": "doc:fda.x", "drug_name_brand": "Lumakras",
    ...      "drug_name_generic": "sotorasib"}, {"id": "doc:fda.y", "drug_name_brand": "Akeega",
    ...      "drug_name_generic": "abiraterone acetate and niraparib"}]))
    >>> _ = (d / "therapies.json").write_text(json.dumps([{"id": 3, "name": "Brentuximab vedotin"}]))
    >>> from_moalmanac(d)
    [('Brentuximab vedotin', 'brentuximab vedotin', 'moalmanac:therapy:3'), ('Lumakras', 'sotorasib', 'moalmanac:doc:fda.x')]
    """
    folder = Path(folder)
    rows: dict[str, tuple[str, str, str]] = {}
    for doc in json.loads((folder / "documents.json").read_text(encoding="utf-8")):
        brand, generic = doc.get("drug_name_brand"), doc.get("drug_name_generic")
        if not brand or not generic or re.search(r"\band\b|[,+;/]", generic):
            continue
        rows.setdefault(brand.strip(), (brand.strip(), inn(generic), "moalmanac:" + doc["id"]))
    for therapy in json.loads((folder / "therapies.json").read_text(encoding="utf-8")):
        name = therapy.get("name") or ""
        if name and inn(name) not in _NOT_NAMES:
            rows.setdefault(name.strip(), (name.strip(), inn(name), "moalmanac:therapy:%s" % therapy["id"]))
    return sorted(rows.values(), key=lambda r: r[0].lower())


def load(path: str | Path = TABLE) -> dict[str, str]:
    """Every name in the table -> its INN (a row's INN is a name too)."""
    out: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            name, drug, _ = line.split("\t")
            out.setdefault(name, drug)
            out.setdefault(drug, drug)
    return out


def write(rows: list[tuple[str, str, str]], path: str | Path = TABLE) -> None:
    """Write the table (a header, then one row per name, sorted)."""
    lines = ["name\tinn\tsource"] + ["\t".join(r) for r in sorted(rows, key=lambda r: (r[0].lower(), r[2]))]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


NAMES: dict[str, str] = load()
