"""The cues of approval and withdrawal reading (:mod:`kg.sources.text.regulatory`): the words that
tell an approval or a withdrawal event, its negation, its scope (relative clauses, other uses,
uses left untouched), the drug and indication spoken of before, and the words before a date that
say which date it is.

>>> bool(APPROVAL.search("The agency signed off on it")), bool(NOT_APPROVED.search("changed the label of X"))
(True, True)
"""
from __future__ import annotations

import re

_CLEARANCE = r"(?:approvals?|clearance|authori[sz]ation|green light|go-ahead|nod|licen[cs]e)"
#: approvals told as a list after a colon ("Lung cancer approvals accumulated from late 2018: with A for X on ...")
LIST_OF_APPROVALS = r"\bapprovals\b[^.;:]{0,60}:\s+(?=(?:with|for|in|as)\b)"
#: (the lookahead lets the engine skip, in one test, a place where none of the many alternatives can start: every
#: one starts with a word character, ":", ";", ",", "(", ")" or at the text's start)
APPROVAL = re.compile(
    r"(?=[\w:;,()]|^)(?:"
    # (not "an FDA-approved test": a device or an assay, no drug's approval)
    r"\bapproved\b(?![-\s]+(?:companion\s+)?(?:tests?|assays?|devices?|diagnostics?|biosimilars?)\b)|\bgrant(?:ed|s)?\b[^.;]{0,60}\b" + _CLEARANCE + r"|"
    # "Enhertu's indication was expanded to ...", "the label has been broadened to"
    r"\b(?:indication|label|use)s?\b[^.;]{0,40}\b(?:was|were|has been|have been) (?:\w+ )?(?:expanded|extended|broadened|widened)\b|"
    # "FDA nod for X", "the agency's green light to X", "picked up its adjuvant indication", Canada's "Notice of Compliance"
    r"\b(?:FDA|EMA|US|U\.S\.|agency|regulatory)(?:['\u2019]s)? (?:nod|green light|go-ahead|okay)\s+(?:for|to)\b|"
    r"\bpick(?:ed|s)? up\b[^.;]{0,30}\b(?:indication|approval|label)s?\b|\bNotice of Compliance\b|"
    # notes' "AA" for an accelerated approval, with its date ("sotorasib (Lumakras): AA 5/28/21", "AA on 3 Feb 2021")
    r"(?-i:\bAA\b(?=\s*(?:on\s+|in\s+|:\s*|granted\s+|dated\s+(?:from\s+)?)?(?:\d|[A-Z][a-z]{2})))|(?-i:\b(?:FDA|US|U\.S\.) AA for\b)|(?-i:\b[Tt]hat AA\b)|\b(?:approvals?|clearance)\b[^.;]{0,60}\bgranted\b|"
    r"\b(?:approvals?|indications?)\b[^.;]{0,60}?,\s*granted\b|"
    # a use told as granted, or granted by the agency on a date ("That indication had been granted on August 16, 2018",
    # "the indication, which FDA had granted on September 22, 2017")
    r"\b(?:indication|use|authori[sz]ation)s?\s+(?:was|were|had been|has been|have been)\s+granted\b|"
    r"\b(?:FDA|agency|EMA|regulators?)\s+(?:had |has |have )?granted(?=\s+(?:it\s+|them\s+)?(?:on|in)\s+(?:[A-Z][a-z]+\.?\s+)?\d)|\blabel\b[^.;]{0,30}\b(?:includes?|covers?|lists?)\b|"
    r"\b(?:won|wins|received|receives|gained|gains|got|secured|earned|obtained|to (?:receive|win|gain|get|earn|secure))\b"
    r"[^.;]{0,40}\b" + _CLEARANCE + r"\b|"
    r"\bcleared\b|\bclears\b|\bauthori[sz]ed\b|\bindicated (?:for|as (?:an? )?(?:[\w-]+ )?(?:treatment|therapy)\b)|"
    # "is indicated, in combination with rituximab, for ...", "Still on label: CLL/SLL, ...", "Current label: R/R CLL"
    r"\bindicated,\s+[^,;]{1,60},\s+(?:for|as)\b|\b(?:still|remains?|stays?) on (?:the |its )?(?:US |U\.S\. )?label\b|"
    r"^\W*current (?:US |U\.S\. )?label\s*:|"
    # "also once had FL approvals"
    r"\b(?:once|previously|also) (?:\w+ )?had (?:\w+ ){0,2}approvals?\b|"
    # "Before that it only had accelerated approval (Nov 2018) for ..."
    r"\b(?:it|they|[A-Z]\w+) (?:only |once |also |already |then )?had (?:an? |its |the )?(?:accelerated |regular |full |conditional |"
    r"traditional )?approvals?\b|"
    r"\blabel (?:also )?(?:allows|permits|covers)\b|\bconverted\b[^.;]{0,60}\bapproval\b|"
    r"\b(?:approval|indication)s?(?:\s*\([^()]{0,30}\))? (?:was|were|has been|had been) (?:\w+ )?converted\b|"
    r"\b(?:changed|turned|upgraded)\b[^.;]{0,140}?\binto (?:a )?(?:full|regular|traditional|standard)\b[^.;]{0,20}\bapproval\b|"
    r"\bapprovals? followed\b|\bapprovals? (?:with|for|in) [^.;]{0,80}?\bfollowed (?:on|in)\b|\b(?:led|prompted|allowed|enabled|supported)\b[^.;]{0,30}\bto approve\b|"
    r"\bsince\b[^.;]{0,30}\d{4}\b[^.;]{0,40}\bcan (?:also |now )?be (?:given|used|prescribed)\b|"
    # (not a business deal: "licensed U.S. rights to Jazz", "in-licensed", "licensed the drug to a partner")
    r"\bgreen light\b|(?<!-)\blicensed\b(?![^;]{0,40}\brights\b)(?!\s+(?:[\w.-]+\s+){0,3}to\s+(?-i:[A-Z]))|" + LIST_OF_APPROVALS + "|"
    # a use added on a date ("was added in March 2023 for adults with ..."), one allowed as a treatment ("it was
    # allowed as the very first treatment"), one that sits under an approval ("still sits under accelerated approval")
    r"\b(?:was|were) added (?:in|on) (?:[A-Z][a-z]+\.? )?\d|\b(?:was|were) allowed as (?:an? |the )?(?:[\w-]+ ){0,3}"
    r"(?:treatment|therapy|option)\b|\b(?:sits|stays|remains|is) (?:still )?under (?:an? )?[\"'\u201c]?(?:accelerated|regular|full)\b|\bapprovals (?:across|in|for)\b|\bholds? (?:\w+ )?approvals?\b|"
    r"\b(?:has|have|had) (?:also |long |since )?held (?:\w+ ){0,2}approval|"
    r"\b(?:FDA|EMA|agency|regulatory|U\.?S\.?|European|Commission)\s+(?:\w+\s+)?approvals?\s+(?:of|for|to)\b|"
    # a labelled line: "FDA approval, 15 Oct 2021: adjuvant atezolizumab for ...", "FDA approval: 4 March 2021",
    # "FDA, 22 February 2022: first-line monotherapy for ...", "US (FDA), 1 August 2024: ..."
    r"\b(?:FDA|EMA|EC|U\.?S\.?)\s+approval\s*[,:]\s*(?=\d|[A-Z][a-z]+\.?\s+\d)|"
    # notes: "ipi = 1st ICI on the market: FDA 25 Mar 2011, unresectable or metastatic melanoma"
    r"(?:^|[:;,(]\s*)(?:FDA|EMA|EC)\s+(?=\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d\s*[,;:)])|"
    r"^\W*(?:US\s+|EU\s+)?\(?(?:FDA|European Commission|EC|EMA)\)?\s*,\s*(?=\d{1,2}\s+[A-Z][a-z]+\.?\s+(?:19|20)\d\d\s*:|"
    r"[A-Z][a-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d\d\s*:|[A-Z][a-z]+\s+(?:19|20)\d\d\s*:)|"
    r"\bapprovals?\s+(?:of|for|to)\s+(?:\w+\s+){0,2}?(?:by|from)\s+(?:the\s+)?(?:US |U\.S\. )?(?:FDA|Food|agency|EMA|"
    r"European)|\bapprovals? from the (?:US |U\.S\. )?(?:FDA|Food|agency|EMA|European)|"
    r"\bthe (?:[\w-]+ )?approval of\b|\bthe (?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}) approval of\b|\w's (?:[\w-]+ ){0,2}approval,? (?:in|for|as|of)\b|\)\s+approvals? (?:of|for)\b|"
    r"\blabel,? (?:dated|of|issued)\b|"
    r"\bremains? (?:approved|available|an option|licensed|authori[sz]ed)\b|"
    r"\b(?:is|are) (?:still |also )?(?:approved|licensed|authori[sz]ed)\b|\bapproves\b|"
    r"\b(?:given|awarded|handed|gave|gives|give)\b[^.;]{0,30}\b" + _CLEARANCE + r"\b|\bsign(?:ed|s)? off on\b|\bok(?:ay)?e?d\b|"
    r"\b(?:decision|decided|voted|agreed)\b[^.;]{0,40}\bto approve\b|"
    r"\b(?:expand\w*|extend\w*|broaden\w*)\b[^.;]{0,40}\b(?:label|indication|approval|use)s?\b|"
    r"\b(?:use|indication|label|approval)s?\b[^.;]{0,60}?\b(?:is|was|were) (?:\w+ )?widened\b|"
    # an approval told as a noun with its kind ("Regular approval in urothelial carcinoma ...", "an accelerated
    # approval on 1 May 2017 for ...", "A second accelerated approval follows"), one in force ("This use still
    # has accelerated approval", "still rests on accelerated approval"), one announced ("Its first EU marketing
    # authorisation, for X, was announced on ...")
    r"\b(?:accelerated|regular|full|traditional|conditional|first) approvals?\)?,? (?:in|for|as|follows|on|of|from|with|dated\b|"
    r"(?=\d{1,4}[/-]\d))|"
    # a use told as carried or held ("has carried an FDA indication"), as a market entered, as a label that
    # followed, as the first of its kind ("became the first immunotherapy for advanced basal cell carcinoma")
    r"\b(?:has|have|had) (?:\w+ )?(?:carried|held) (?:an? )?(?:[\w.-]+ )?(?:indication|approval|label)\b|"
    r"\b(?:entered|reached) the (?:[\w.]+ ){0,2}market\b|"
    r"\b(?:an?|the) (?:[\w-]+ ){0,3}(?:label|indication)\b[^.;]{0,120}?\bfollowed\b|"
    r"\bbecame the first (?:[\w-]+ ){0,3}(?:medicine|drug|treatment|therapy|immunotherapy|agent|antibody|inhibitor)s? "
    r"(?:approved )?(?:for|in)\b|"
    r"\bremains? under (?:an? )?(?:accelerated|regular|full|conditional) approval\b|"
    # "granted the adjuvant indication", "secured its first-line HER2-negative gastric indication", "retains its
    # accelerated approval", "approval dates from September 2018", "extended the combination to all adults",
    # "led to US approval of", "becomes a regular full approval"
    r"\b(?:granted|won|secured|gained|earned|obtained)\s+(?:the |its |an? )?(?:[\w-]+ ){0,4}indication\b|"
    r"\bretain(?:s|ed)? (?:its |an? |the )?(?:[\w-]+ )?approval\b|\bapproval\b[^.;]{0,30}\bdates (?:from|back to)\b|"
    r"\bextended\b[^.;]{0,60}\bto (?:all )?(?:adults|patients|people|children)\b|"
    r"\bled to (?:the )?(?:[\w.]+ )?approvals? (?:of|for|in)\b|"
    r"\bbec(?:ame|omes) (?:an? )?(?:regular|full|traditional|standard) (?:[\w-]+ ){0,2}(?:approval|option|indication)\b|"
    # an approval noun with its date, as a list or a chart writes it ("accelerated approval Jun 2019",
    # "FDA approval 24 Oct 2016", "Full approval: 20 Aug 2018")
    # (or in brackets, with its part of the month: "Accelerated approval (early March 2024) for R/R FL")
    r"\b(?:(?:accelerated|regular|full|traditional|FDA|US|U\.S\.) )?approval(?:\s+date)?\s*[:,\u2014\u2013(]?\s*(?:on\s+|in\s+)?"
    r"(?:(?:early|mid|late)[\s-])?"
    r"(?=[0-3]?\d\s+[A-Z][a-z]{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|(?:19|20)\d\d-\d\d|"
    r"[01]?\d/[0-3]?\d/\d\d)|"
    r"\b(?:has|have|carries|carry) (?:an? )?(?:accelerated |regular |full |conditional )approval\b|"
    r"\b(?:rests?|resting|based) on (?:an? )?(?:accelerated|regular|full|conditional) approval\b|"
    r"\b(?:approval|authori[sz]ation)\b[^.;]{0,60}\bwas (?:announced|granted|given|issued)\b|"
    # a new indication told as added or gained ("added a second accelerated indication", "gained a
    # limited-stage indication"), or a drug reaching its market
    r"\b(?:added|adds|gained|gains|picked up|picks up|secured|secures|won|wins|received|receives)\b[^.;]{0,60}\bindications?\b|"
    r"\breached the (?:US |U\.S\. |American |European )?market\b|\b(?:came|comes|come) to (?:the )?(?:US |U\.S\. )?market\b|\badded to (?:the|its) (?:[\w-]+ ){0,3}(?:label|authori[sz]ation|licen[cs]e)\b|"
    # an approval told as its arrival ("the first green light came on May 18, 2016", "first-line use came in
    # 2020") or as a new option ("became a first-line option for ... on May 29, 2020")
    r"\b(?:approvals?|green light|go-ahead|nod|clearance|authori[sz]ation|indications?|use)\b[^.;]{0,60}?\bcame (?:on|in)\b|"
    r"\bbecame (?:a |an )?(?:[\w-]+ ){0,2}option\b|\bbecame available\b)",
    re.I)
WITHDRAWAL = re.compile(
    r"\bwithdr[ae]w[ns]?\b|\bwithdrawing\b|\bwithdrawal (?:of|for)\b|"
    # the withdrawal told as a noun announced or dated ("Merck announced withdrawal 07/01/2021", "withdrawal effective ...")
    r"\bannounc\w* (?:the |its |a )?(?:voluntary )?withdrawal\b|\bwithdrawal (?:announced|effective|date)\b|"
    # ("announced in early October 2023 that it would work with the FDA toward a voluntary withdrawal", "a market
    # withdrawal that Eli Lilly announced on 25 April 2019")
    r"\bannounc\w*\b[^.;]{0,80}\b(?:voluntary|market|U\.?S\.?) withdrawal\b|\bwithdrawal\b[^.;]{0,40}\bannounced\b|"
    r"\bdates? the (?:[\w'\u2019-]+ ){0,2}(?:withdrawal|removal)\b|\bwithdrawal\b[^.;]{0,80}\b(?:took effect|became (?:effective|official)|"
    r"came into (?:force|effect)|t[ao]kes? effect|effective|was announced)\b|"
    r"\bpulled\b|\bpulls\b|\bpulling\b|\bg[ai]ve (?:it |them )?up\b|\bgives (?:it |them )?up\b|\bgiving (?:it |them )?up\b|\bto give up\b|"
    r"\brevok\w*|\brescind\w*|\bno longer (?:be )?(?:promoted|marketed|approved|available|indicated|included|listed)\b|"
    r"\bno longer (?:to )?(?:market|promote|sell|offer)\b|\bno longer (?:has|holds|carries) (?:any |an? |the |its )?(?:[\w-]+ ){0,3}"
    r"(?:indication|approval)s?\b|\blost (?:its|the|their|a) (?:[\w-]+ ){0,6}(?:indication|approval|label)s?\b|\bremov(?:ed|es|ing)\b[^.;]{0,60}\b(?:indication|use)s?\b|"
    r"\bused to be (?:approved|available|indicated)\b|\bpull\b|\bdelist\w*|\bexit(?:ed|s|ing)? the (?:US |U\.S\. )?market\b|"
    r"['\u2019]s (?:market |US |U\.S\. )?exit\b|\bexit from the (?:US |U\.S\. )?market\b|"
    # "took the HCC indication off Opdivo's label", "struck from the label", "approvals were retracted"
    r"\b(?:took|takes?|taken|taking)\b[^.;]{0,60}\boff\b[^.;]{0,25}\b(?:label|market)\b|\bstruck\b[^.;]{0,40}\bfrom\b[^.;]{0,25}\blabel\b|"
    r"(?:(?<=\bapprovals were )|(?<=\bapproval was )|(?<=\bindications were )|(?<=\bindication was ))retracted\b|"
    r"\bretract\w*\b[^.;]{0,30}\b(?:approval|indication)s?\b|"
    r"\bvoluntarily remov\w*|\bremov\w* from the (?:US |U\.S\. )?(?:label|market)|"
    # a use narrowed: "GSK narrowed Zejula's second-line maintenance label to gBRCAm patients" (the rest of it withdrawn)
    r"\b(?:narrowed|restricted)\s+(?:[\w-]+['\u2019]s\s+|the\s+|its\s+|their\s+)(?:[\w-]+\s+){0,4}(?:label|indication)s?\b[^.;]{0,50}?\bto\b|"
    r"\bremov\w*\b[^.;]{0,60}\bfrom (?:the|its) (?:\w+ ){0,2}(?:label|market|prescribing information|indications)\b|"
    r"\bindications? (?:were |was |had been )?removed\b|"
    r"\b(?:indication|use|approval)s?\b[^.;]{0,60}?\b(?:was|were|has been|had been|have been) (?:\w+ )?removed\b|\bdropp(?:ed|ing)\b|\bto drop\b|"
    r"\b(?:indication|use|approval)s?\b[^.;]{0,30}?\b(?:is|was|are|were) (?:now )?gone\b|"
    r"\b(?:list|label)\b[^.;]{0,30}\bshows? (?:it|the (?:indication|approval|use)) (?:as )?(?:ending|ended|withdrawn|removed)\b|"
    r"\b(?:use|indication|approval|authori[sz]ation)s?(?:,[^,;]{0,60},)? (?:\w+ ){0,2}(?:ended|ceased)\b|"
    # "X's accelerated approval for previously treated urothelial carcinoma likewise ended in February 2021"
    r"\b(?:use|indication|approval)s? (?:for|in) [^.;,]{0,60}?\b(?:likewise |also |then |finally |eventually |later )?(?:ended|ceased)\b|"
    r"\bcame off (?:the|its) (?:[\w'\u2019]+ ){0,2}(?:label|market|books|list)\b|\bdisappeared from (?:the|its) (?:[\w'\u2019]+ ){0,2}(?:label|list)\b|\b(?:ended|ceased|terminated)\b(?!\s+(?:differently|well|better|happily|up)\b)[^.;:]{0,60}\b(?:approval|indication)s?\b|\b(?:indication|approval|use)s?\b[^.;]{0,60}\bno longer exists?\b|\bremoval\b[^.;]{0,80}\b(?:took effect|became (?:effective|official))\b",
    re.I)
NOT_APPROVED = re.compile(r"(?:\b(?:not|never)|n't) (?:yet |been |be )?(?:(?:FDA|EMA|US|U\.S\.)[- ])?(?:approved|cleared|authori[sz]ed)\b|\bno approval\b|"
                          # an approval still to come ("the FDA nod for X is expected", "approval ... is anticipated")
                          r"\b(?:approval|nod|green light|go-ahead|decision|clearance)\b[^.;]{0,60}\b(?:is|are|was|were) "
                          r"(?:now |still )?(?:expected|anticipated|pending|due|awaited|likely)\b|"
                          # "has not been granted", "was never granted"
                          r"(?:\b(?:not|never)|n't)\s+(?:yet\s+)?(?:been\s+)?granted\b|"
                          r"\bno (?:\w+ )?(?:approved|authori[sz]ed)\b|"
                          r"\bno (?:[\w-]+ ){0,2}?(?:treatment|therapy|drug|medicine|option|immunotherapy|regimen)s? (?:had |has |have )?(?:been |was |were )?approved\b|"
                          r"\b(?:declined|refused|rejected|failed) to approve\b|\bwithout (?:an? )?approval\b|"
                          r"\b(?:not|never)\b[^.;]{0,20}\b(?:receiv|win|won|gain|obtain|get|got|secur|earn)\w*\b[^.;]{0,30}"
                          r"\b(?:approval|clearance|authori[sz]ation)|"
                          # a document approved by a body that is no regulator ("Approved by the Board of Directors: 18
                          # November 2024", "approved for production by: P&T Subcommittee"), one superseded
                          r"\bapproved\b[^.;]{0,20}\bby:?\s+(?:the\s+)?(?:[\w&.-]+\s+){0,4}?(?:board|committee|subcommittee|council|"
                          r"directors|panel|editors?|chair|trustees|management)\b|\bsupersedes\b|"
                          # a change to the label of an approval told elsewhere ("changed the label of X in Y")
                          r"\b(?:chang|revis|updat|amend|modif)\w*\s+(?:the|its)\s+(?:\w+\s+){0,2}label\b|"
                          # sought, awaited or expected: no approval yet
                          r"\b(?:seek\w*|sought|appl(?:y|ied|ication)s? for|filed for|fil(?:ing|ed) (?:an? )?\w* ?application|"
                          r"submi\w+ for|pending|await\w*|under review|expect\w* (?:to|an?|the)|(?-i:could|may|might|would)|"
                          r"hop\w* (?:to|for)|plans? to)\b[^.;]{0,40}\b(?:approv|clear|authori[sz])|"
                          # a condition ("Should X be approved, ...", "if X is approved")
                          r"(?-i:\bShould)\b[^.;]{0,80}\bbe (?:approved|cleared|authori[sz]ed)\b|"
                          r"\bif\b[^.;]{0,60}\b(?:is|are|gets?|were) (?:approved|cleared|authori[sz]ed)\b", re.I)
#: a document's own stamp, not a drug's approval: a line of its revision history ("v3.0  2021-04-06  ALERT A extended
#: to ..."), and "Approved 18 November 2024." standing alone
REVISION = re.compile(r"\W*v?\d+(?:\.\d+)+\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\s")
STAMP = re.compile(r"\W*approved:?\s+(?:on\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|"
                   r"\d{4}-\d{2}-\d{2})\W*", re.I)
#: a relative clause: what it says is background about the noun before it
RELATIVE = re.compile(r",\s+(?:which|who|whom|where)\b(?:[^,;]|,\s*(?=\d{4}\b))*+|(?<=[a-z]) where\b[^,;]*+|\s(?:in|for|under|of) which\b[^,;]*+|"
                      r",\s+(?:(?:both|all|each|either|neither)\s+(?:still\s+|also\s+)?|already\s+)(?:approved|licensed)\b[^,;]*+")
#: a ", whose ..." clause: about the drug before it
WHOSE = re.compile(r",\s+whose\b[^;]*?(?=,\s+(?!\d)|;|$)")
#: the indication spoken of before
ANAPHOR = re.compile(r"\b(?:the|its) (?:US |U\.S\. |American )?(?:[\w-]+ )?indication\b|\bthat (?:\w+ )?(?:indication|approval|use)\b|"
                     r"\bthis (?:\w+ )?(?:indication|population|use|setting|disease|cancer|tumou?r|condition)\b|\bthe same (?:\w+ )?(?:disease|indication|"
                     r"setting|use|cancer|tumou?r|condition)\b|\b(?:withdr[ae]w|withdrawn|withdrawing|pull(?:ed|ing|s)?|dropp(?:ed|ing)|approved|cleared|converted) it\b|\bthat (?:bladder|lung|breast|"
                     r"liver|kidney|skin) cancer indication\b|\bthe withdrawal\b|\bthe (?:same|earlier|original) approval\b|"
                     r"(?-i:\b(?:[Tt]he|[Tt]hat|[Ii]ts|[Tt]his) AA\b)",
                     re.I)
#: a quick test for a sentence that may tell an approval or a withdrawal (both patterns need one of these
#: words; looked for as plain substrings of the lower-cased sentence, far faster than a pattern)
EVENT_WORDS = ("approv", "aa ", "fda, ", "fda), ", ": fda ", "; fda ", ", fda ", "(fda ", "commission, ", "ema, ", "grant", "clear", "authoris", "authoriz", "indicated", "convert", "green light", "licen",
                "withdr", "pull", "lost", "narrowed", "restricted", "delist", "exit", "retract", " off ", "struck", "gave up", "give up", "giving up", "gave it up", "gave them up", "remov", "revok", "rescind", "no longer", "drop",
                "ended", "ceased", "remain", "label", "followed", "made it official", "made it final", "joined it", "joined them", "be given", "be used", "be prescribed", "nod", "notice of compliance",
                "signed off", "signs off", "sign off", "oked", "okayed", "added", "adds", "gained", "gains", "market",
                "broaden", "expand", "extend", "widen", "came", "rest", "based on", "exist", "go-ahead", "picked up", "picks up", "available",
                "carried", "held", "entered", "reached", "became the first", "retain", "allowed as", "under accelerated", "under regular", "under full", "under \"accelerated", "dates from", "dates back", "led to",
                "secured", "became a", "becomes a", "disappeared", "gone", "ending", "did the same", "did likewise")
#: a clause that refers to a drug spoken of before
REFERS = re.compile(r"^\W*(?:it|its|they)\b|\bthe (?:drug|medicine|antibody|combination|regimen|therapy|product)\b|"
                    r"\b(?:this|that) (?:drug|medicine|antibody|combination|regimen)\b|\bthe withdrawal\b|"
                    r"\b(?:was|were|is|has been|had been) (?:also |first |later |then )?(?:\w+ )?(?:approved|cleared|"
                    r"authori[sz]ed|withdrawn|converted)\b", re.I)
#: a subject that is a class of drugs, not one drug
GENERIC = re.compile(r"\b(?:medicines|drugs|treatments|therapies|immunotherapies|inhibitors|antibodies|agents|"
                     r"indications)\b", re.I)
#: approvals said to be untouched by the news ("its approvals in lung cancer were not touched"): background
SCOPE = re.compile(r"\b(?:not (?:been )?(?:touched|affected|changed)|unaffected|untouched|(?:does|do|did) not (?:affect|touch|"
                   r"change|apply to))\b", re.I)
#: approvals of other uses than the one spoken of
OTHER = re.compile(r"\bother (?:\w+ )?(?:cancers|indications|uses|tumou?rs|diseases|tumou?r types|cancer types|"
                   r"approvals|conditions|companies|sponsors|firms|manufacturers|drugmakers)\b|\bsimilar (?:indications|uses|approvals)\b",
                   re.I)
#: a temporal or causal clause: an event in it without a date of its own is background
SUBORDINATE = re.compile(r"\b(?:since|after|before|when|until|once|because|while|although|though)\s+"
                          r"(?:the |this |that |its |it )?(?:\w+ ){0,3}(?:was|were|had been|has been)\b[^,;]*$", re.I)
#: the approval of another drug told just before, repeated by ellipsis ("Durvalumab followed in August 2023")
FOLLOWED = re.compile(r"\bfollowed(?: suit)?\b(?! by)|\bjoined (?:it|them)\b|\bdid (?:the same(?: thing)?|likewise)\b|"
                      # the event just told made formal ("The agency made it official in a Federal Register notice ...")
                      r"\bmade (?:it|this|that|the (?:\w+ )?(?:withdrawal|removal|approval)) (?:official|final|formal)\b", re.I)
#: a heading: no end mark (a title names what the text then tells with its date)
HEADING = re.compile(r"[.!?:;)\"\u201d]\s*$")
SAME_DATE = re.compile(r"\b(?:on|at) the same (?:date|day|time)\b|\bthat (?:same )?day\b|\bsame-day\b|\bthe same (?:day|decision|notice|letter|action|"
                       r"announcement)\b", re.I)
#: (a verb after "and" starts a clause of its own: "and saw ipilimumab become ..." names no partner)
AND_VERB = r"(?=\s+(?!(?:saw|sees|see|watched|made|let|helped|became|led|won|got|took|gave|has|had|was|is|[a-z]+ed)\b))"
PARTNER = re.compile(r"(?:\bwith|\bplus|\band" + AND_VERB + r"|\bor|\bversus|\bvs\.?|\bthan|\bafter|\bfrom|\bto either|"
                     r"\bover|\bcombination with|\bnot|\binclude|\bincluding|\bunlike|\bbefore)\s+"
                     # (a partner told with its kind: "in combination with the pill axitinib")
                     r"(?:(?:the|a|an)\s+(?:[\w-]+\s+)?(?:pill|tablet|capsule|drug|antibody|medicine|inhibitor|TKI)\s+|(?:\w+\s+){0,1})$", re.I)
EFFECTIVE = re.compile(r"\beffective\b|\bFederal Register\b|\bfinal decision\b|\bwithdrawn from the (?:[\w'\u2019]+ ){0,2}(?:label|market)\b|\bformally (?:withdr[ae]w\w*|remov\w*|revok\w*)|\bdisappeared from\b|\bgone as of\b|\bshows? (?:it|the \w+) (?:as )?ending\b|\bgives the date as\b|\bdates (?:it|its (?:removal|withdrawal)|the withdrawal|them) (?:to|as)\b|\bcame off\b|\boff the label\b|\bremoved from\b|\bdates? the (?:[\w'\u2019-]+ ){0,2}(?:withdrawal|removal)\b|\bbecame\b|\b(?:took|takes?|taking) effect\b|\bofficial\b|\bas of\b|\bended\b|"
                       r"\bceased\b|\b(?:withdrawal|removal) date\b|\b(?:withdrawal|removal) (?:is |was )?dated\b|\bdate of (?:the )?(?:withdrawal|removal)\b", re.I)
ANNOUNCED = re.compile(r"\b(?:announc\w*|said|says?|disclos\w*|told|notif\w*|inform\w*|stat(?:ed|es|ement)|decid\w*|"
                       r"agree\w*|report\w*)\b", re.I)
PASSIVE = re.compile(r"\b(?:was|were|has been|have been|had been|is|are)\s+(?:\w+\s+)?(?:withdrawn|removed|pulled|retracted|delisted|"
                     r"revoked|rescinded|dropped)\b|\b(?:use|indication|approval)s? (?:\w+ ){0,2}(?:ended|ceased)\b|"
                     # a participle after the indication ("indication withdrawn 23 July 2021"), the agency's removal
                     r"\b(?:use|indication|approval)s?:?\s+(?:withdrawn|removed|revoked)\b|"
                     r"\b(?:FDA|agency|EMA|Commission)\s+(?:then\s+|later\s+|formally\s+)?removed\b|"
                     r"^\W*(?:withdrawn|removed|revoked)\b", re.I)
GRANTED = re.compile(r"\b(?:granted|approved|cleared|authori[sz]ed|licensed)\b|(?-i:\bAA\b)", re.I)
PAST_EVENT = re.compile(r"\b(?:was|were) (?:also |then |likewise )?(?:approved|cleared|authori[sz]ed)\b|"
                         r"\b(?:also )?(?:received|won|gained|got)\b", re.I)
OTHER_TIME = re.compile(r"\b(?:first|previously|already|earlier|originally|since|later|before|had been|years?|"
                         r"months?)\b", re.I)


#: a drug the patients take or cannot take ("people who could not receive the chemotherapy drug cisplatin")
TAKEN = re.compile(r"\b(?:receive|received|tolerate|take|taken|be given|have)\s+(?:\w+\s+){0,3}$|"
                   # a treatment before ("whose cancer progressed after sorafenib, pembrolizumab received ...")
                   r"\b(?:after|following|progressed on|progressing on|refractory to|(?:previously |pre)treated with)\s+$|"
                   r"(?:\b(?:already|previously|had)|'d)\s+had\s+$|\b(?:already|previously)\s+(?:\w+\s+)?had\s+$", re.I)
#: an application withdrawn before any decision: no approval was withdrawn (but "withdrew approval of the new drug
#: application" and "withdrew the BLA and took X off the market" withdraw an approval)
APPLICATION = re.compile(r"^(?!.*\b(?:withdr\w*\s+(?:its\s+|the\s+)?approval\s+of|off\s+the\s+market)\b)(?:.*?"
                         r"\bwithdr\w*\b[^.;]{0,40}\b(?:application|filing|submission|s?BLA|sNDA|MAA)s?\b|.*?"
                         r"\b(?:application|filing|submission|s?BLA|sNDA|MAA)s?\b[^.;]{0,60}\bwithdr\w*)", re.I | re.S)
#: the agency's withdrawal dated by "on": "withdrew the approval on 15 July 2024" dates the withdrawal, not the approval
WITHDREW_ON = re.compile(r"\b(?:withdr|revok|rescind|pull)\w*\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?approval on \d", re.I)
#: a clause of contrast: an approval in force told in it is background to the news ("..., while X remains approved for Y")
CONTRAST = re.compile(r"^\W*(?:while|whereas|although|though|even though)\b", re.I)
#: a withdrawal told as a condition ("If continued approval ... is later withdrawn, coverage ends")
IF_WITHDRAWN = re.compile(r"(?:^\W*(?:should|if|unless|once|when(?:ever)?)\b|\b(?:if|unless|whenever|in the event that)\b)"
                           r"[^.;]{0,100}\b(?:is|are|were|gets?|be) (?:later |ever |subsequently )?"
                           r"(?:withdrawn|removed|revoked|pulled)\b|"
                           # a possibility ("could be withdrawn if ...", "The FDA may withdraw an indication ...")
                           r"\b(?:could|may|might|can)\s+(?:later\s+|also\s+|still\s+)?(?:be\s+)?"
                           r"(?:withdraw|withdrawn|remove|removed|revoke|revoked|pull|pulled)\b", re.I)
#: an approval word before a date (the accelerated approval's date in a conversion's clause)
GRANTED_BEFORE = re.compile(r"\b(?:approv\w*|granted|cleared|authori[sz]ed)\b|(?-i:\bAA\b)", re.I)
#: the word of a conversion ("was converted to regular approval", "became a full approval")
CONVERTS = re.compile(r"\bconver\w*|\bbec(?:ame|omes)\s+(?:an?\s+)?(?:regular|full|traditional|standard)\b|"
                       r"\b(?:turned|changed|upgraded|moved)\b", re.I)
#: a span of time after the event word: the events of a period, none dated by the clause's other dates
PERIOD = re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:days|weeks|months|years)\b", re.I)
#: a product's change rather than a use's: a new formulation or dosing
PRODUCT = re.compile(r"\bsubcutaneous\b|\bco-?formulated\b|\bformulation\b|\bhyaluronidase\b|\bdosing (?:schedule|interval)\b|"
                      r"\bevery (?:six|6) weeks\b|\bvial\b|"
                      # another product approved for a drug's uses: "FDA-approved 9/12/2024 for the adult indications of IV X"
                      r"\b(?:indications|uses) of (?:the )?(?:IV|intravenous)\b", re.I)
#: an approval or indication told as any one of its kind, the subject of its withdrawal ("an accelerated approval later
#: withdrawn")
INDEFINITE = re.compile(r"\ban? (?:[\w-]+ )?(?:approval|indication|authori[sz]ation) (?:that (?:was|is|had been) |later |since |"
                        r"subsequently |then )*(?:withdrawn|removed|pulled|revoked)\b", re.I)
#: words that refer to a use or approval told before ("It was converted", "the accelerated approval")
REFERS_BACK = re.compile(r"^\W*(?:it|this|that|they)\b|\bthe (?:[\w-]+ )?approval\b|"
                         r"\b\w+'s (?:[\w-]+ )?(?:approval|indication)\b(?!\s+(?:for|in)\b)", re.I)
#: a drug set beside, not joined to, the regimen ("by contrast with atezolizumab's", "compared with")
COMPARED = re.compile(r"\b(?:contrast|compared|comparison|unlike|versus|vs\.?|compet\w*|rival\w*|alongside)\s+"
                      r"(?:with\s+|to\s+|against\s+)?(?:[^,;]{0,60}\band\s+with\s+)?$", re.I)
#: a plural that refers to the drugs of the event told before ("these uses", "their use", "both")
THEIR = re.compile(r"\b(?:these|those|their|both|all three|the three|the (?:two|three) drugs)\b", re.I)
