"""The uses a label lists, as labels, monographs and coverage policies write them: under a heading
of indications ("Section 1: Indications and Usage (FDA-approved uses)", "FDA-Approved Indications",
"Labeled Indications"), each item that names its patients and their disease ("Adults with
limited-stage SCLC whose disease has not progressed after ...") is an approval of the drug the
text is about, in force. Sub-headings of the section ("Lung cancer: small cell") keep it open; the
next section of another kind (withdrawn uses, warnings, dosage, trials, references) ends it.

>>> bool(HEADING.match("Section 1: Indications and Usage (FDA-approved uses)")), bool(ITEM.match("Adults with SCLC"))
(True, True)
>>> bool(HEADING.match("Withdrawn indications")), bool(OTHER_SECTION.match("4. Withdrawn indications"))
(False, True)
>>> bool(HEADING.match("TECENTRIQ remains FDA-approved for:")), bool(HEADING.match("It is not approved for:"))
(True, False)
"""
from __future__ import annotations

import re

from kg.sources.text.approval_values import indication_name, region_agency, setting

#: a heading of the uses a label lists (not of withdrawn ones)
HEADING = re.compile(r"(?!.*\b(?:withdrawn|removed|former|off-label|not approved)\b)(?:\W*(?:section\s+\d+\W*)?"
                     r"(?:[\w-]+\s+){0,3}?(?:indications?(?:\s+and\s+usage)?|approved\s+uses|labell?ed\s+uses)\b[^.!?]{0,60}$|"
                     # or a sentence that leads into the list ("TECENTRIQ remains FDA-approved for:")
                     r"[^.!?]{0,80}\b(?:remains?|is|are)\s+(?:still\s+)?(?:[\w.]+[- ])?(?:approved|indicated|authori[sz]ed)\s+"
                     r"(?:for|in)(?:\s+the\s+treatment\s+of)?\s*:\s*$)", re.I)
#: a heading of another kind of section, which ends the list
OTHER_SECTION = re.compile(r"\W*(?:section\s+\d+\W*|\d+\.?\s+)?(?:[\w-]+\s+){0,3}?(?:withdrawn|warnings?|precautions|dosage|"
                           r"dosing|contraindications?|references|adverse|side effects|clinical studies|evidence|trials?|"
                           r"recent major changes|how supplied|pharmacology|mechanism)\b[^.!?]{0,60}$", re.I)
#: an item of the list: its patients and their disease ("Adults with ...", "Patients aged 12 and older who have ...")
ITEM = re.compile(r"\W*(?:adults?|adult patients|patients|children|people|pediatric patients)"
                  r"(?:\s+(?:aged|of|12|and)\b[^,;]{0,30}?)?\s+(?:with|who have|whose)\b", re.I)


def read_item(reader, s, mentions, heading: str) -> None:
    """An item of a list of indications under ``heading``: an approval, in force, of the text's drug for
    the item's first disease (a drug the item names is a partner: "in combination with tremelimumab")."""
    inds = [m for m in mentions if m.type == "Indication"]
    drug = reader.context.drug or reader.main_drug
    if not inds or not drug or not ITEM.match(s.text):
        return
    values = {"agency": region_agency(heading), "status": "approved",
              "indication": indication_name(inds[0].id, inds[0].text), **setting(s.text)}
    reader.claim(s, "approval", drug, "approved for", inds[0].id, values, "regulatory approval", "supports")
