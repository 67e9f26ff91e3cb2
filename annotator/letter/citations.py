"""Treaty citations as the letter writes them, in the letter setting ``citation_style``.

``full`` is how the genre writes a norm in running text and in its footnotes (Kamerstukken, the example letter):
"artikel 3 EVRM", "artikel 2 lid 2 IVESCR", "artikel 33 van het VN-Vluchtelingenverdrag", "artikel 1 van de
Grondwet"; in English "Article 3 ECHR", "Article 33 of the 1951 Refugee Convention", "Article 1 of the
Constitution". Treaties with a common abbreviation keep it (EVRM, IVBPR, IVESCR, IVRK, UVRM; in English also CAT,
ICERD, CEDAW, CRPD); the others are named. ``short`` is the compact form of tables and dense footnotes: "art. 3
EVRM", "art. 1 Gw", "Art. 3 ECHR".

The catalogue (annotator.domain.catalogue) holds each instrument's forms; this module only chooses among them. A
range of articles or pages takes an en dash ("artikelen 9–12").
"""

from __future__ import annotations

import re

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import TreatyRef

# Instruments that English legal writing cites by their abbreviation ("Article 2 CEDAW"), by their ids (a contract,
# DESIGN.md). In Dutch the catalogue's long form decides: it keeps the abbreviation for EVRM, IVBPR, IVESCR, IVRK
# and UVRM and names the others ("van het VN-Vrouwenverdrag").
_ENGLISH_ABBREVIATED = frozenset({"echr", "iccpr", "icescr", "crc", "udhr", "cat", "icerd", "cedaw", "crpd"})
_PROTOCOL = re.compile(r"^P\d{1,4}-", re.IGNORECASE)
_RANGE = re.compile(r"(?<=\d)-(?=\d)")


def cite(catalogue: Catalogue, ref: TreatyRef, lang: str, style: str) -> str:
    """The reference as the letter writes it in ``lang`` ('nl'/'en') and ``style`` ('full'/'short'); a custom
    reference stays as the reviewer typed it."""
    if ref.is_custom:
        return ref.custom
    if style == "short":
        text = catalogue.cite(ref, lang, "short")
        if lang == "en":
            text = re.sub(r"^Articles\b", "Arts.", re.sub(r"^Article\b", "Art.", text))
        return _dashes(text)
    if lang == "nl":
        return _dashes(catalogue.cite(ref, "nl", "long"))
    instrument = catalogue.instrument(ref.instrument)
    if instrument is None:
        return str(ref)
    article = catalogue.article(ref)
    number = article.number if article else ref.article
    own_part = article is not None and article.part is not None
    if instrument.id in _ENGLISH_ABBREVIATED and not own_part and not _PROTOCOL.match(number):
        return _dashes(catalogue.cite(ref, "en", "short"))
    text = catalogue.cite(ref, "en", "long")
    if instrument.kind == "constitution":
        # "of the Constitution of the Netherlands": a letter to the Dutch parliament says "of the Constitution".
        form = instrument.forms().en_long
        if text.endswith(form):
            text = text[: len(text) - len(form)] + "of the Constitution"
    return _dashes(text)


def _dashes(text: str) -> str:
    """A range of numbers with an en dash: 'artikelen 55–56'."""
    return _RANGE.sub("\u2013", text)
