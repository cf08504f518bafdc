"""What a reader must know before the graph does: the usual names of cancers, the brand names
of cancer drugs (and the INNs no stem gives away, :mod:`~kg.sources.text.drug_names`), and the
checkpoint inhibitors' targets.

The graph's own names always come first (:class:`~kg.sources.text.entities.Matcher` looks a
lexicon name up in the graph, under each of its forms, before minting an id): the lexicon
only fills in what the graph does not hold yet, so an article about a drug or a disease new to
the graph is still read. A disease the graph does not know gets ``KG:indication-<slug>``
(claims about it keep its name in their values; they are not linked in the graph), a drug
known only by its brand gets ``KG:drug-<name>``, a target its HGNC id.

>>> DISEASES["bladder cancer"], BRANDS["Yervoy"], TARGETS["CTLA-4"]
('urothelial carcinoma', 'ipilimumab', ('HGNC:2505', 'CTLA-4'))
"""
from __future__ import annotations

from kg.sources.text.disease_names import FORMS as DISEASE_FORMS
from kg.sources.text.drug_names import NAMES as DRUG_NAMES

#: canonical disease name -> the other ways articles write it
_DISEASE_FORMS: dict[str, tuple[str, ...]] = {
    "non-small cell lung cancer": ("NSCLC", "non-small-cell lung cancer", "non-small cell lung carcinoma",
                                   "non small cell lung cancer"),
    "small cell lung cancer": ("SCLC", "small-cell lung cancer", "small cell lung carcinoma", "small cell", "small-cell"),
    "hepatocellular carcinoma": ("HCC", "liver cancer", "hepatocellular cancer"),
    "urothelial carcinoma": ("urothelial cancer", "bladder cancer", "bladder cancers", "UC"),
    "renal cell carcinoma": ("RCC", "kidney cancer", "renal cell cancer", "ccRCC", "clear cell renal cell carcinoma"),
    "melanoma": ("malignant melanoma",),
    "triple-negative breast cancer": ("TNBC", "triple negative breast cancer", "triple-negative breast carcinoma"),
    "cutaneous squamous cell carcinoma": ("CSCC", "cSCC", "cutaneous squamous-cell carcinoma", "squamous cell skin cancer",
                                          "squamous cell carcinoma of the skin", "skin squamous cell carcinoma"),
    "basal cell carcinoma": ("BCC", "basal cell skin cancer"),
    "alveolar soft part sarcoma": ("ASPS", "alveolar soft-part sarcoma"),
    "Merkel cell carcinoma": ("MCC", "Merkel cell skin cancer"),
    "head and neck squamous cell carcinoma": ("HNSCC", "head and neck cancer", "squamous cell carcinoma of the head and neck"),
    "classical Hodgkin lymphoma": ("cHL", "Hodgkin lymphoma"),
    "primary mediastinal large B-cell lymphoma": ("PMBCL",),
    "endometrial carcinoma": ("endometrial cancer", "womb cancer", "cancer of the womb"),
    "cervical cancer": ("cervical carcinoma",),
    "colorectal cancer": ("CRC", "colorectal carcinoma"),
    "gastric cancer": ("gastric carcinoma", "stomach cancer", "gastric or gastroesophageal junction adenocarcinoma",
                       "gastric or gastro-oesophageal junction adenocarcinoma", "gastroesophageal junction adenocarcinoma",
                       "gastric or GEJ adenocarcinoma", "gastric or GEJ cancer", "gastric/GEJ adenocarcinoma",
                       "gastric or gastroesophageal junction cancer", "gastric or gastro-oesophageal junction cancer",
                       "gastro-oesophageal junction adenocarcinoma", "gastric adenocarcinoma"),
    "oesophageal squamous cell carcinoma": ("ESCC", "esophageal squamous cell carcinoma"),
    "oesophageal cancer": ("esophageal cancer", "esophageal carcinoma", "oesophageal carcinoma",
                           "oesophageal or gastro-oesophageal junction cancer", "oesophageal or gastroesophageal junction cancer",
                           "oesophageal or GEJ cancer", "esophageal or gastroesophageal junction cancer"),
    "nasopharyngeal carcinoma": ("NPC", "nasopharyngeal cancer"),
    "malignant pleural mesothelioma": ("mesothelioma", "pleural mesothelioma"),
    "biliary tract cancer": ("BTC", "cholangiocarcinoma", "CCA", "iCCA", "intrahepatic cholangiocarcinoma"),
    "ovarian cancer": ("ovarian carcinoma", "epithelial ovarian cancer", "PROC", "platinum-resistant ovarian cancer",
                       "fallopian tube cancer", "primary peritoneal cancer"),
    "squamous cell carcinoma of the anal canal": ("anal cancer", "anal canal cancer"),
    "mesothelioma": (),
    # tissue-agnostic indications: the biomarker that defines them is read from the clause
    "solid tumours": ("solid tumors", "solid tumour", "solid tumor"),
}
for _name, _forms in DISEASE_FORMS.items():  # then other cancers: OncoTree's and their common names
    if _name not in _DISEASE_FORMS:
        _DISEASE_FORMS[_name] = _forms
#: biomarkers of tissue-agnostic indications ("dMMR ... solid tumours") -> the words of the indication's name
BIOMARKERS: dict[str, str] = {
    "mismatch repair deficient": "mismatch repair deficient", "mismatch repair-deficient": "mismatch repair deficient",
    "dMMR": "mismatch repair deficient", "MSI-H": "microsatellite instability-high",
    "microsatellite instability-high": "microsatellite instability-high", "TMB-H": "tumour mutational burden-high",
    "tumor mutational burden-high": "tumour mutational burden-high", "tumour mutational burden-high": "tumour mutational burden-high",
}
#: spellings writers swap: British and American, a cell type's abbreviation, "cancer" for "carcinoma", notes' "ca"
_SWAPS = [("oesophag", "esophag"), ("tumour", "tumor"), ("squamous cell carcinoma", "SCC"),
          ("squamous cell carcinoma", "squamous cell cancer"), ("carcinoma", "cancer"), (" cancer", " ca")]


def variants(form: str) -> list[str]:
    """A disease's form and the ways writers also spell it.

    >>> variants("oesophageal squamous cell carcinoma")[1:4]
    ['esophageal squamous cell carcinoma', 'oesophageal SCC', 'esophageal SCC']
    >>> "Merkel cell cancer" in variants("Merkel cell carcinoma"), variants("NSCLC")
    (True, ['NSCLC'])
    """
    out = [form]
    for old, new in _SWAPS:
        out += [v.replace(old, new) for v in out if old in v and v.replace(old, new) not in out]
    return out


#: every form of a disease -> its canonical name (a form written as such first, then its spellings)
DISEASES: dict[str, str] = {}
for _name, _forms in _DISEASE_FORMS.items():
    for _f in (_name, *_forms):
        DISEASES.setdefault(_f, _name)
for _name, _forms in _DISEASE_FORMS.items():
    for _f in (_name, *_forms):
        for _v in variants(_f)[1:]:
            DISEASES.setdefault(_v, _name)
#: abbreviations with the stage or state written into them ("mUC": metastatic urothelial carcinoma; "RRMM":
#: relapsed or refractory multiple myeloma); only these, since "aUC" or "MUC" would read "AUC" or a gene
for _f, _abbr in [("mUC", "UC"), ("mRCC", "RCC"), ("aRCC", "RCC"), ("mCRC", "CRC"), ("mNSCLC", "NSCLC"),
                  ("mTNBC", "TNBC"), ("mCSCC", "CSCC"), ("uHCC", "HCC"), ("RRMM", "MM"), ("NDMM", "MM"),
                  ("MPM", "mesothelioma")]:
    DISEASES.setdefault(_f, DISEASES[_abbr])

#: brand -> international non-proprietary name
BRANDS: dict[str, str] = {
    "Keytruda": "pembrolizumab", "Opdivo": "nivolumab", "Yervoy": "ipilimumab", "Imfinzi": "durvalumab",
    "Imjudo": "tremelimumab", "Libtayo": "cemiplimab", "Bavencio": "avelumab", "Jemperli": "dostarlimab",
    "Tecentriq": "atezolizumab", "Zynyz": "retifanlimab", "Tevimbra": "tislelizumab", "Loqtorzi": "toripalimab",
    "Unloxcyt": "cosibelimab", "Opdualag": "nivolumab and relatlimab",
}
#: and every other cancer drug's brand and INN the drug-name table holds (Lumakras, trastuzumab deruxtecan)
_seen = {b.casefold() for b in BRANDS}
for _name, _inn in DRUG_NAMES.items():
    if _name.casefold() not in _seen:
        _seen.add(_name.casefold())
        BRANDS[_name] = _inn
#: the same, by the case-folded name ("LUMAKRAS" -> sotorasib)
BRANDS_FOLDED: dict[str, str] = {b.casefold(): inn for b, inn in BRANDS.items()}

#: clinicians' short forms of the drugs' names (lecture notes, tumour boards: "nivo/ipi", "pembro") -> name
SHORT_FORMS: dict[str, str] = {
    "pembro": "pembrolizumab", "nivo": "nivolumab", "ipi": "ipilimumab", "atezo": "atezolizumab",
    "durva": "durvalumab", "treme": "tremelimumab", "cemi": "cemiplimab", "dostar": "dostarlimab",
    "tisle": "tislelizumab", "tori": "toripalimab", "cosib": "cosibelimab", "retifan": "retifanlimab",
    # and the short names other cancer drugs are known by
    "melflufen": "melphalan flufenamide", "belamaf": "belantamab mafodotin", "T-DXd": "trastuzumab deruxtecan",
    "T-DM1": "trastuzumab emtansine", "Dato-DXd": "datopotamab deruxtecan", "ide-cel": "idecabtagene vicleucel",
    "cilta-cel": "ciltacabtagene autoleucel", "axi-cel": "axicabtagene ciloleucel", "tisa-cel": "tisagenlecleucel",
    "liso-cel": "lisocabtagene maraleucel", "brexu-cel": "brexucabtagene autoleucel", "obe-cel": "obecabtagene autoleucel",
    "pola": "polatuzumab vedotin", "lonca": "loncastuximab tesirine", "ibru": "ibrutinib", "acala": "acalabrutinib",
    "zanu": "zanubrutinib", "pirto": "pirtobrutinib", "enza": "enzalutamide",
    "daro": "darolutamide", "abema": "abemaciclib", "palbo": "palbociclib", "ribo": "ribociclib", "tuca": "tucatinib",
    "Lu-PSMA-617": "lutetium Lu 177 vipivotide tetraxetan", "177Lu-PSMA-617": "lutetium Lu 177 vipivotide tetraxetan",
    "Lu-PSMA": "lutetium Lu 177 vipivotide tetraxetan",
}

#: a target's names -> (HGNC id, usual name)
TARGETS: dict[str, tuple[str, str]] = {}
for _ident, _names in [("HGNC:2505", ("CTLA-4", "CTLA4", "cytotoxic T-lymphocyte antigen-4",
                                      "cytotoxic T-lymphocyte-associated antigen 4", "cytotoxic T-lymphocyte antigen 4")),
                       ("HGNC:6476", ("LAG-3", "LAG3", "lymphocyte-activation gene 3")),
                       ("HGNC:8760", ("PD-1", "PD1", "programmed death-1", "programmed death 1", "programmed cell death 1",
                                      "programmed cell death protein 1", "programmed death receptor-1",
                                      "programmed death receptor 1", "programmed cell death-1")),
                       ("HGNC:17635", ("PD-L1", "PDL1", "programmed death-ligand 1", "programmed death ligand 1")),
                       ("HGNC:18731", ("PD-L2", "programmed death-ligand 2")),
                       ("HGNC:1700", ("CD80", "B7.1", "B7-1"))]:
    for _n in _names:
        TARGETS[_n] = (_ident, _names[0])

#: targets of other cancer drugs, under an id of the reader's own (``KG:target-<name>``) until the graph
#: holds them: the graph's own names and ids come first (a target the graph knows keeps its HGNC id)
for _names in [("EGFR", "epidermal growth factor receptor"), ("HER2", "ERBB2", "HER-2", "human epidermal growth factor receptor 2"),
               ("HER3", "ERBB3"), ("KRAS", "KRAS G12C", "KRASG12C"), ("ALK", "anaplastic lymphoma kinase"), ("ROS1",),
               ("RET",), ("MET", "c-Met", "c-MET"), ("BRAF", "BRAF V600E"), ("MEK", "MEK1", "MEK2", "MEK1/2"),
               ("BTK", "Bruton's tyrosine kinase", "Bruton tyrosine kinase"), ("BCL-2", "BCL2"),
               ("BCMA", "B-cell maturation antigen"), ("CD19",), ("CD20",), ("CD22",), ("CD30",), ("CD33",), ("CD38",),
               ("CD3",), ("DLL3", "delta-like ligand 3"), ("TROP-2", "TROP2", "Trop-2", "trophoblast cell-surface antigen 2"),
               ("Nectin-4",), ("folate receptor alpha", "FRα", "folate receptor-alpha", "FR-alpha"),
               ("PARP", "PARP1", "PARP1/2", "poly (ADP-ribose) polymerase"), ("PI3K", "phosphatidylinositol 3-kinase"),
               ("PI3K-delta", "PI3Kδ", "PI3K delta", "PI3K-δ"), ("PI3K-gamma", "PI3Kγ", "PI3K gamma", "PI3K-γ"),
               ("PI3K-alpha", "PI3Kα", "PI3K alpha", "PI3K-α", "p110α", "p110 alpha"),
               ("CK1-epsilon", "CK1ε", "casein kinase 1 epsilon", "CK1 epsilon"), ("RNA polymerase II", "RNA pol II"),
               ("AKT", "AKT1"), ("mTOR",), ("CDK4/6", "CDK4 and CDK6", "CDK4/CDK6"),
               ("VEGF", "VEGF-A", "vascular endothelial growth factor"), ("VEGFR", "VEGFR2", "VEGFR-2"),
               ("FGFR", "FGFR2", "FGFR3"), ("IDH1",), ("IDH2",), ("FLT3",), ("KIT", "c-KIT"), ("PDGFRA",),
               ("TRK", "NTRK"), ("XPO1",), ("EZH2",), ("proteasome",), ("GPRC5D",), ("claudin 18.2", "CLDN18.2", "claudin-18.2"),
               ("CCR4",), ("SLAMF7",), ("menin",), ("HIF-2α", "HIF-2 alpha", "HIF-2alpha"), ("TIGIT",), ("tissue factor",),
               ("PSMA", "prostate-specific membrane antigen"), ("estrogen receptor",), ("androgen receptor",)]:
    for _n in _names:
        TARGETS.setdefault(_n, ("KG:target-" + "".join(c if c.isalnum() else "-" for c in _names[0].lower()).strip("-"),
                                _names[0]))
