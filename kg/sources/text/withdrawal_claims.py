"""The withdrawal claims of a clause that tells a withdrawal (:mod:`kg.sources.text.regulatory`): of the drug
spoken of, of each drug of a list with its own date or disease ("withdrawn, including umbralisib for MZL and
melflufen for myeloma"), of the drugs a group named before ("their indications"), and of the indications an organ
word names ("the post-platinum bladder indication").

>>> class Reader: facts = type("Facts", (), {"approved": {"D": {"M:1": ["gastric adenocarcinoma"],
...                                                          "M:2": ["gastroesophageal junction adenocarcinoma"]}}})
>>> own_word(Reader, "D", {"M:1": "gastric", "M:2": "gastric"})
{'M:1': 'gastric'}
"""
from __future__ import annotations

import re

from kg.sources.text import event_dates
from kg.sources.text.approval_values import indication_name
from kg.sources.text.regulatory_cues import THEIR
from kg.sources.text.subjects import listed_drugs


def own_word(reader, drug: str, organ_inds: dict[str, str]) -> dict[str, str]:
    """Of the indications an organ word gives, those whose names hold the word itself ("gastric": gastric
    adenocarcinoma, not gastroesophageal junction adenocarcinoma), if any."""
    out: dict[str, str] = {}
    names = reader.facts.approved.get(drug, {})
    for word in dict.fromkeys(organ_inds.values()):  # (each organ word on its own: "lung, liver, and breast")
        mine = [i for i, o in organ_inds.items() if o == word]
        named = [i for i in mine if any(re.search(rf"\b{re.escape(word)}\b", n, re.I) for n in names.get(i, []))]
        # ("oesophageal": oesophageal cancer, not each of its kinds, when the drug holds the general one)
        general = [i for i in named if any(re.fullmatch(rf"{re.escape(word)} (?:cancer|carcinoma)", n, re.I)
                                           for n in names.get(i, []))]
        out.update(dict.fromkeys(general or named or mine, word))
    return out


def claim(reader, i, s, a, raw, text, ms, found, dated_approval, approved, drugs, drug, written, spans, inds, organ_inds,
          base, follows, organs):
    """Give the clause's withdrawal claims to ``reader.claim``; ``base``: the agency and the setting. Returns the
    indications told (for what a later sentence refers to), and the indications and organ indications left."""
    ctx = reader.context
    told = event_dates.of_withdrawal(text, [d for d in found if d not in dated_approval])
    # ("BMS did the same thing with Opdivo's SCLC approval at the end of December 2020": the company's act)
    values = {**base, **(told or ({"announced": found[0].iso} if follows and found else {}))}
    # each drug its own date ("the indications of X and Y, which were withdrawn in February and March 2021 respectively")
    each = event_dates.of_each_drug(text, ms, s.start + a, found) if not approved else {}
    if not each and not approved:  # ("withdrawn, including umbralisib for MZL and melflufen for myeloma": each its own)
        own_inds = event_dates.disease_of_each(text, ms, s.start + a, set(written))
        # (or drugs listed with one date between them: with two, which is whose is not told)
        each = dict.fromkeys(own_inds) if len(own_inds) >= 2 else dict.fromkeys(
            listed_drugs(text, spans) if len({d.iso for d in found}) <= 1 else [])
    if not each and not approved and not drugs and ctx.group and ctx.group[0] >= i - 3 and THEIR.search(text):
        each = dict.fromkeys(ctx.group[1])
        inds = inds if inds and inds != [(ctx.indication, ctx.indication_name)] else list(ctx.group[2])
    if len(each) >= 2:
        ctx.group = (i, tuple(each), tuple(inds))
    own_inds = event_dates.disease_of_each(text, ms, s.start + a, set(each)) if each else {}
    for other, when in each.items():
        gone = {k: o for k, o in organs(raw, other, []).items() if (other, k) in reader.facts.withdrawn}
        for ident, name in [x for x in inds if x[0] in own_inds.get(other, [x[0]])] or [
                (k, None) for k in own_word(reader, other, gone)]:
            reader.claim(s, "withdrawal", other, "approved for", ident, {**values, **event_dates.of_withdrawal(
                text, [d for d in found if d.iso == when][:1]), "status": "withdrawn", "indication": indication_name(ident, name)},
                "regulatory approval", "supports")
    told_inds, (inds, organ_inds) = inds, (inds, organ_inds) if not each else ([], {})
    for ident, name in inds:
        reader.claim(s, "withdrawal", drug, "approved for", ident,
                     {**values, "status": "withdrawn", "indication": indication_name(ident, name)}, "regulatory approval",
                     "supports")
    gone = {i: o for i, o in organ_inds.items() if (drug, i) in reader.facts.withdrawn}
    organ_inds = gone or organ_inds  # of an organ's indications, those the graph knows withdrawn,
    organ_inds = own_word(reader, drug, organ_inds)  # and of those, the ones named by the organ's own word
    for ident, organ in organ_inds.items():  # "withdrawing the post-platinum bladder indication"
        reader.claim(s, "withdrawal", drug, "approved for", ident, {**values, "status": "withdrawn", "organ": organ},
                     "regulatory approval", "supports")
    if inds or organ_inds:
        ctx.withdrawal, ctx.withdrawal_at = (drug, *(inds[0] if inds else (next(iter(organ_inds)), None))), i
    return told_inds, inds, organ_inds
