"""Names of cancers beyond those of the checkpoint inhibitors' approvals: the tumour types of
OncoTree (``kg/schema/oncotree.tsv``, shipped with the package) and the common names writers
use for them ("multiple myeloma" for OncoTree's plasma cell myeloma, "CLL", "GIST").

OncoTree's tissues ("Breast", "Lung") are not diseases and are left out, as are one-word names
too broad to name an indication ("Adenocarcinoma", "Lymphoma") and the long genetic subtypes
("AML with t(8;21)..."); ", NOS" is dropped from a name. A name's words are written in lower
case unless they are abbreviations or proper names.

>>> FORMS["multiple myeloma"], FORMS["follicular lymphoma"][:1]
(('myeloma', 'plasma cell myeloma', 'MM'), ('FL',))
>>> "diffuse large B-cell lymphoma" in FORMS, "breast" in FORMS, "adenocarcinoma" in FORMS
(True, False, False)
"""
from __future__ import annotations

import re
from pathlib import Path

ONCOTREE = Path(__file__).resolve().parents[2] / "schema" / "oncotree.tsv"
_HEAD = re.compile(r"\b(?:cancers?|carcinomas?|lymphomas?|leuka?emias?|myelomas?|sarcomas?|melanomas?|mesotheliomas?|"
                   r"\w*blastomas?|gliomas?|tumou?rs?|neoplasms?|macroglobulinemia|myelofibrosis|syndromes?)$", re.I)
_BROAD = {"adenocarcinoma", "carcinoma", "sarcoma", "lymphoma", "leukemia", "tumor", "neoplasm", "cancer",
          "melanoma", "mesothelioma", "glioma", "blastoma"}
_PROPER = {"hodgkin", "non-hodgkin", "waldenstrom", "merkel", "ewing", "kaposi", "wilms", "burkitt", "sertoli",
           "leydig", "paget", "langerhans", "hurthle", "mullerian", "erdheim-chester", "rosai-dorfman", "richter"}

#: common names and their other forms, where OncoTree calls the disease otherwise or gives no abbreviation
_COMMON: dict[str, tuple[str, ...]] = {
    "multiple myeloma": ("myeloma", "plasma cell myeloma", "MM"),
    "follicular lymphoma": ("FL",),
    "marginal zone lymphoma": ("MZL",),
    "mantle cell lymphoma": ("MCL",),
    # (the label's one indication "CLL/SLL", one disease in two presentations)
    "chronic lymphocytic leukemia": ("CLL", "chronic lymphocytic leukaemia", "CLL/SLL", "CLL / SLL",
                                     "chronic lymphocytic leukemia/small lymphocytic lymphoma"),
    "small lymphocytic lymphoma": ("SLL",),
    "diffuse large B-cell lymphoma": ("DLBCL", "large B-cell lymphoma", "LBCL"),
    "acute myeloid leukemia": ("AML", "acute myeloid leukaemia"),
    "acute lymphoblastic leukemia": ("acute lymphoblastic leukaemia",),
    "chronic myeloid leukemia": ("CML", "chronic myelogenous leukemia", "chronic myeloid leukaemia"),
    "myelodysplastic syndromes": ("MDS", "myelodysplastic syndrome"),
    "peripheral T-cell lymphoma": ("PTCL",),
    "gastrointestinal stromal tumour": ("GIST",),
    "medullary thyroid cancer": ("MTC",),
    "glioblastoma": ("GBM",),
    "breast cancer": ("breast carcinoma", "MBC", "mBC"),
    "prostate cancer": ("prostate carcinoma",),
    "metastatic castration-resistant prostate cancer": ("mCRPC", "castration-resistant prostate cancer", "CRPC"),
    "pancreatic cancer": ("pancreatic carcinoma",),
    "thyroid cancer": (),
    "soft tissue sarcoma": ("soft-tissue sarcoma", "STS"),
    "Waldenstrom macroglobulinemia": ("Waldenström macroglobulinemia", "Waldenström's macroglobulinemia", "WM"),
    "cutaneous T-cell lymphoma": ("CTCL",),
    "chronic myelomonocytic leukemia": ("CMML",),
    "pancreatic adenocarcinoma": ("PDAC",),
    "B-cell acute lymphoblastic leukemia": ("B-ALL", "B-cell ALL", "B-cell precursor acute lymphoblastic leukemia"),
    "myelofibrosis": ("primary myelofibrosis",),
    "systemic mastocytosis": (),
    "desmoid tumour": ("desmoid tumor", "desmoid tumors", "desmoid tumours"),
    "tenosynovial giant cell tumour": ("tenosynovial giant cell tumor", "TGCT"),
    "neuroendocrine tumour": ("neuroendocrine tumor", "neuroendocrine tumors", "neuroendocrine tumours", "NETs"),
    "metastatic hormone-sensitive prostate cancer": ("mHSPC", "hormone-sensitive prostate cancer", "mCSPC",
                                                     "castration-sensitive prostate cancer",
                                                     "metastatic castration-sensitive prostate cancer"),
    "non-metastatic castration-resistant prostate cancer": ("nmCRPC",),
    "anaplastic large cell lymphoma": ("ALCL", "systemic anaplastic large cell lymphoma", "sALCL"),
    "Philadelphia chromosome-positive acute lymphoblastic leukemia": ("Ph+ ALL", "Ph-positive ALL"),
    "blastic plasmacytoid dendritic cell neoplasm": ("BPDCN",),
    "polycythemia vera": (),
    "pheochromocytoma": ("pheochromocytoma or paraganglioma", "PPGL"),
    "osteosarcoma": (),
    "plexiform neurofibroma": ("plexiform neurofibromas",),
    "differentiated thyroid cancer": ("DTC",),
    "anaplastic thyroid cancer": ("ATC",),
}


def common_case(name: str) -> str:
    """OncoTree's title case as running text writes it.

    >>> common_case("Diffuse Large B-Cell Lymphoma, NOS"), common_case("Merkel Cell Carcinoma")
    ('diffuse large B-cell lymphoma', 'Merkel cell carcinoma')
    """
    name = re.sub(r",\s*NOS$", "", name.strip())

    def word(w: str) -> str:
        if "-" in w and w.lower() not in _PROPER:
            return "-".join(word(p) for p in w.split("-"))
        if w.lower() in _PROPER or len(w) == 1 or w.isupper() or any(c.isupper() for c in w[1:]):
            return w
        return w.lower()
    return " ".join(word(w) for w in name.split())


def from_oncotree(path: str | Path = ONCOTREE) -> list[str]:
    """The disease names OncoTree gives (common case), in its order.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "o.tsv"
    >>> _ = p.write_text("code\\tname\\tparent\\tmondo\\tncit\\nFL\\tFollicular Lymphoma\\tMBN\\t\\t\\n"
    ...                  "LUNG\\tLung\\tTISSUE\\t\\t\\nX\\tAML with t(8;21)(q22;q22.1)\\tAML\\t\\t\\n")
    >>> from_oncotree(p)
    ['follicular lymphoma']
    """
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 3 or cells[2] == "TISSUE" or re.search(r"[();/\d]", cells[1]):
            continue
        name = common_case(cells[1])
        if _HEAD.search(name) and name.lower() not in _BROAD and len(name.split()) <= 6:
            out.append(name)
    return out


def _forms() -> dict[str, tuple[str, ...]]:
    forms = dict(_COMMON)
    taken = {f.lower() for name, fs in _COMMON.items() for f in (name, *fs)}
    for name in from_oncotree():
        if name.lower() not in taken:
            taken.add(name.lower())
            forms[name] = ()
    return forms


#: disease name -> its other forms (the common names first, then OncoTree's)
FORMS: dict[str, tuple[str, ...]] = _forms()
