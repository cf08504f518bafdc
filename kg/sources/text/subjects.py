"""The subject drug of a clause or a table row: the first drug named that is not another's partner
("with bevacizumab"), a prior treatment ("after sorafenib"), a drug taken ("receive ...") or a
drug's name made an adjective ("cisplatin-ineligible").

>>> t = "Cisplatin-ineligible patients may get atezolizumab with bevacizumab"
>>> subject_drug(t, [(0, "cisplatin"), (t.index("atezolizumab"), "atezolizumab"), (t.index("bevacizumab"), "bevacizumab")])
'atezolizumab'
"""
from __future__ import annotations

import re

from kg.sources.text.regulatory_cues import PARTNER, TAKEN

_RECEIVES = re.compile(r"[\w-]+(?:\s+\([^()]{1,30}\))?\s+(?:received|won|got|gained|secured)\b")
#: a drug's name made an adjective ("cisplatin-ineligible", "platinum-based")
_ADJECTIVE = re.compile(r"[\w]+-(?:in)?eligible\b|[\w]+-(?:based|containing|free|naive|refractory|resistant|pretreated|"
                        r"treated|exposed|unfit)\b", re.I)
#: a name and the separator of a list that goes on ("bevacizumab, ", "paclitaxel and ")
_LISTED = re.compile(r"[\w-]+(?:\s\([^()]{1,30}\))?(?:,\s+(?:and\s+)?|\s+and\s+)$")
_OPENING_CONJUNCTION = re.compile(r"\W*(?:and|but|or|yet)\s+", re.I)


def subject_drug(text: str, drugs: list[tuple[int, str]]) -> str | None:
    """The first drug (offset in ``text``, id) not named as another's partner; a drug listed after a
    partner ("the regimen with bevacizumab, paclitaxel and carboplatin") is a partner too.

    >>> t = "The agency cleared the regimen with bevacizumab, paclitaxel and carboplatin"
    >>> subject_drug(t, [(t.index(w), w) for w in ("bevacizumab", "paclitaxel", "carboplatin")]) is None
    True
    """
    partner_before = None
    for start, ident in drugs:
        listed = partner_before is not None and _LISTED.match(text, partner_before, start)
        if _ADJECTIVE.match(text, start) or start > 0 and text[start - 1] == "-":
            continue  # "cisplatin-ineligible patients", "post-sorafenib", "platinum-etoposide": no drug of the sentence
        receives = _RECEIVES.match(text, start)  # "after toripalimab received the green light": its subject
        # (a sentence that opens with "And", "But" or "Or" before its drug: no partner)
        before = text[max(0, start - 30):start]
        if not listed and (receives or not PARTNER.search(before) or _OPENING_CONJUNCTION.fullmatch(text[:start])) \
                and not TAKEN.search(text[max(0, start - 40):start]):
            return ident
        partner_before = start
    return None
