"""Mechanism claims in a sentence: each target named with a word of action is bound, blocked
from its partners or spared by the drug the sentence speaks of (several drugs joined by "and"
share it; a drug named after "unlike", "versus" or "compared with" is a comparator, not the
subject). A sentence that names no drug is about the article's drug, unless it speaks of several
("they") or tells a result; a class of drugs ("PD-1 antibodies") makes no claim; a heading says
again what the text tells and makes none.

>>> from kg.sources.text.claims import extract
>>> from kg.sources.text.entities import Mention
>>> t = "Zelvomab works on a brake called PD-1."
>>> [(c.subject, c.predicate, c.object) for c in extract(t, [Mention("Drug", "KG:drug-zelvomab", "Zelvomab", 0, 8),
...                                                           Mention("Target", "HGNC:8760", "PD-1", 33, 37)])]
[('KG:drug-zelvomab', 'binds', 'HGNC:8760')]
"""
from __future__ import annotations

import re

from kg.sources.text.cues import (
    _MECH_CUE, _TARGET_BINDS_AFTER, _TARGET_BINDS_BEFORE, _TARGET_BLOCKS, _TARGET_NOT, _TARGET_SPARES,
)
from kg.sources.text.regulatory_cues import HEADING

#: a sentence naming no drug that speaks of several ("they", "these medicines") or tells a result
#: ("the CTLA-4 antibody ... extended overall survival"): no mechanism of the article's drug
_NOT_ONE_DRUG = re.compile(r"\b(?:they|these|those|both)\b|\b(?:extended|improved|prolonged|lengthened|reduced|lowered)\b"
                           r"[^.;]{0,40}\b(?:survival|risk|response)", re.I)
#: a class of drugs ("antibodies against PD-L1") or another drug ("the anti-VEGF antibody")
_GENERIC = re.compile(r"\b(?:antibodies|inhibitors|drugs|medicines|agents|therapies)\b|\bthe anti-?\s*$", re.I)
#: a partner the target is kept from ("keeps PD-L1 from binding PD-1 and CD80"): not a target of the drug
_PARTNER = re.compile(r"\bfrom\s+(?:binding|engaging|interacting|reaching|contacting)\b[^.;]{0,30}$", re.I)
#: a kind of drug named by its target, not the drug spoken of: a prior or partner treatment ("whose
#: chemotherapy did not include a PD-1 or PD-L1 inhibitor", "after PD-1 blockade"), or a class
#: ("checkpoint inhibitors that target PD-1")
_KIND_BEFORE = re.compile(r"\b(?:include[sd]?|including|received|receiving|prior|previous|earlier|other|another|any|no|"
                          r"without|after|following|such as|with|plus|to|versus|vs\.?)\s+(?:an?\s+)?"
                          r"(?:[\w()-]+\s+(?:or|and|/)\s+)?$", re.I)
_CLASS_THAT = re.compile(r"(?<!\bare )(?<!\bwere )(?<!\bboth )(?<!\ball )\b(?:antibodies|inhibitors|drugs|medicines|agents|therapies|treatments|immunotherapies)\s+"
                         r"(?:that|which)\s+(?:\w+\s+){1,2}$", re.I)
#: a target named as one of a pair ("the PD-1/PD-L1 interaction", "the PD-1/PD-L1 pathway")
_PAIR_END = re.compile(r"\s+(?:interaction|pathway|axis|binding|signal\w*|complex)\b", re.I)
_PAIR = re.compile(r"/[\w.-]+" + _PAIR_END.pattern, re.I)
#: ligands that checkpoint antibodies keep from their receptors, never bind themselves (CD80, CD86, PD-L2)
LIGANDS = frozenset({"HGNC:1700", "HGNC:1705", "HGNC:18731"})
#: after a target, the partner it is kept from ("CD80 and CD86 from engaging CTLA-4")
_KEPT_FROM = re.compile(r"(?:\s*(?:,|and|or|,\s*and)\s*[\w-]+){0,3}\s+from\s+(?:binding|engaging|interacting|reaching|"
                        r"contacting)\b", re.I)
#: a target after another in a list ("PD-L1 and ")
_LISTED = re.compile(r"[\w-]+\s*(?:,|,?\s+and|,?\s+or)\s*$")
#: a sentence naming no drug speaks of the article's drug only when it refers to one
_REFERS = re.compile(r"^\W*(?:mechanism(?: of action)?|MOA)\b[^:.]{0,20}:|\b(?:it|its|(?:the|\w+'s) (?:drug|antibody|medicine|agent|treatment|immunotherapy)|"
                     r"this (?:drug|antibody|medicine|treatment|approach|mechanism|action|design|binding|blockade))\b", re.I)


#: a line of notes, not a heading, though it has no end mark: a label, a colon and a verb of action soon after
#: ("relatlimab: binds LAG-3", "nivolumab (Opdivo, BMS): human IgG4 mAb, binds PD-1"), or an arrow
_NOTE = re.compile(r"^[^:]{1,60}:\s+(?:[\w(),./-]+\s+){0,5}?(?:binds?|blocks?|targets?|inhibits?)\b|\s(?:->|\u2192)\s")


_WITH = re.compile(r"\b(?:in combination with|combined with|together with|plus|alongside)\s+$", re.I)


def _respectively(text: str, drugs, targets) -> dict:
    """"X and Y are antibodies against PD-L1 and CTLA-4, respectively": target id -> its drug."""
    if "respectively" not in text:
        return {}
    drugs, targets = list({d.id: d for d in drugs}.values()), list({t.id: t for t in targets}.values())
    return {t.id: d for d, t in zip(drugs, targets)} if len(drugs) == len(targets) > 1 else {}


def read(reader, s, types) -> None:
    """The mechanism claims of sentence ``s`` (its mentions by type in ``types``), given to
    ``reader.claim``."""
    if not types["Target"] or not _MECH_CUE.search(s.text) or not (HEADING.search(s.text) or _NOTE.search(s.text)):
        return  # no target, no word of action, or a heading (the text says it again)
    text = reader.text
    own = [m for m in types["Drug"] if not _TARGET_NOT.search(text[max(s.start, m.start - 16):m.start])]
    respectively = _respectively(s.text, own, types["Target"])
    bound_end = None  # where the last target the drug binds ends (a target listed right after it is bound too)
    for m in types["Target"]:
        prior = [d for d in own if d.end <= m.start]
        subjects = [prior[-1]] if prior else own[:1]
        while prior and len(prior) > len(subjects) and re.fullmatch(
                r"\s*(?:,|and|,\s*and)\s*", text[prior[-len(subjects) - 1].end:subjects[-1].start]):
            subjects.append(prior[-len(subjects) - 1])
        before = text[max(s.start, m.start - 60):m.start]
        after = text[m.end:min(s.end, m.end + 40)]
        if not prior and subjects and _WITH.search(text, max(s.start, subjects[0].start - 25), subjects[0].start):
            continue  # "a PD-L1 inhibitor in combination with carboplatin": a partner named after, not the target's drug
        if _TARGET_NOT.search(before[-14:]) or not own and (_GENERIC.search(before) or _NOT_ONE_DRUG.search(text, s.start, m.start)
                                                             or not _REFERS.search(s.text)):
            continue  # contrasted, or said of a class of drugs, of several ("By blocking PD-1, they ..."), in a result
        arrow = max(text.rfind(" -> ", s.start, m.start), text.rfind(" \u2192 ", s.start, m.start))
        if arrow >= 0 and any(t.end <= arrow for t in types["Target"]):
            continue  # "binds PD-L1 -> blocks PD-1 AND B7.1": what follows from the binding, not another target
        if re.match(r"[-\s]?(?:based|containing)\b", after):
            continue  # "after at least one anti-CD20-based regimen": a treatment before, not the drug's target
        if _PAIR.match(text, m.end, s.end) or text[m.start - 1:m.start] == "/" and _PAIR_END.match(text, m.end, s.end):
            continue  # "blocks the PD-1/PD-L1 interaction": the pair the drug parts, not a target it binds
        kept = [t for t in types["Target"] if t.end <= m.start and _KEPT_FROM.match(text, t.end, s.end)]
        if _PARTNER.search(before) and kept and all(t.id in LIGANDS for t in kept):
            # "blocks CD80 and CD86 from engaging CTLA-4": ligands kept from their receptor, the drug's target
            for subject in dict.fromkeys(x.id for x in subjects) or [reader.context.drug or reader.main_drug]:
                reader.claim(s, "mechanism", subject, "binds", m.id, {"action": "binds"})
            continue
        if _PARTNER.search(before) or _CLASS_THAT.search(before):
            continue  # a partner the target is kept from, or a class of drugs
        if m.id in respectively:
            subjects = [respectively[m.id]]
        kind = _TARGET_BINDS_AFTER.search(after)
        if kind and re.match(r"s\b", after[kind.end():]):
            continue  # "KRAS G12C inhibitors do little ...": a class of drugs, not the one spoken of
        if kind:
            named = [d for d in types["Drug"] if 0 <= d.start - (m.end + kind.end()) <= 2]
            if named:  # "the CTLA-4 antibody tremelimumab": that drug's
                subjects = named[:1]
            elif _KIND_BEFORE.search(before):
                continue  # "did not include a PD-1 or PD-L1 inhibitor": a kind of drug, not this one
        kept_from = _KEPT_FROM.match(text, m.end, s.end)
        receptor = next((t.id for t in types["Target"] if t.start >= kept_from.end()), None) if kept_from else None
        if kept_from and (m.id in LIGANDS or any(t.id == receptor and t.end <= m.start for t in types["Target"])):
            # "blocks CD80 and CD86 from engaging CTLA-4": a ligand kept from it; so is PD-L1 kept from PD-1 by
            # "an antibody against PD-1 ... it blocks PD-L1 and PD-L2 from engaging PD-1"
            action = "blocks interaction with"
        elif _TARGET_SPARES.search(before):
            action = "spares interaction with"
        elif _TARGET_BLOCKS.search(before) and re.search(r"prevent|block|stop|inhibit", before, re.I):
            action = "blocks interaction with"
        elif (_TARGET_BINDS_BEFORE.search(before[-45:]) or _TARGET_BINDS_AFTER.search(after)
              or m.id in respectively and _LISTED.search(before)
              or bound_end is not None and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[bound_end:m.start])):
            action = "binds"  # (a target listed after one bound: "against PD-L1 and CTLA-4, respectively", "dual
            # inhibitor of PI3K-δ and PI3K-γ")
        else:
            continue
        bound_end = m.end if action == "binds" else None
        for subject in dict.fromkeys(x.id for x in subjects) or [reader.context.drug or reader.main_drug]:
            reader.claim(s, "mechanism", subject, action, m.id, {"action": action})
