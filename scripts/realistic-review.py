"""A realistic review of the 2021 coalition agreement, written like the example response letter, and its letter.

Builds an SQLite database with the four themes of ../shared/reference/response-letter-example.txt (asylum, the
Kingdom and the world, the democratic rule of law, equal treatment), 21 annotations on real passages of
tests/data/coalitieakkoord-2021-2025.pdf with judgments, treaty references, comments argued as that letter argues
and sources for the footnotes, the sections' introductions, each section in the order of its argument with two
passages argued together in one paragraph, the letter's introduction and closing, the signatory and her function,
and Word comments with each paragraph's provenance; then compiles it the way a reviewer does:

    annotator compile --db review.sqlite --pdf coalitieakkoord-2021-2025.pdf --out brief.docx --annex

    .venv/bin/python scripts/realistic-review.py [--out FOLDER] [--pdf AGREEMENT] [--look]

``--look`` also converts brief.docx to PDF with LibreOffice and each page to a PNG (pdftoppm -r 70), to read the
letter beside the example. tests/letter/test_realistic_letter.py builds the same review with these functions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AGREEMENT = ROOT / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"

ASYLUM = "Het recht op asiel in Nederland en Europa"
KINGDOM = "Het Koninkrijk Nederland en in de wereld"
RULE_OF_LAW = "De democratische rechtsstaat"
EQUALITY = "Het recht op gelijke behandeling"
THEMES = (ASYLUM, KINGDOM, RULE_OF_LAW, EQUALITY)  # the example letter's order

SECTION_INTRODUCTIONS = {
    ASYLUM: (
        "De plannen van de coalitie om de asielprocedure zorgvuldiger te maken en het belang van het kind beter "
        "mee te wegen verwelkomt Amnesty. De zorgen over het recht op asiel zijn echter groot. Met het afschuiven "
        "van bescherming op derde landen, het aanscherpen van de meldplicht en het beëindigen van de gemeentelijke "
        "opvang worden de rechten van mensen op de vlucht verder uitgekleed. Amnesty roept op om de mensen in het "
        "oog te houden die alles achterlaten, bescherming nodig hebben én er recht op hebben."
    ),
    KINGDOM: (
        "Ook op het terrein van de bevordering en bescherming van mensenrechten in de wereld lijkt de nieuwe "
        "coalitie aan de slag te willen. Om geloofwaardig mensenrechtenschendingen elders aan de orde te stellen, "
        "zal Nederland ook klare taal moeten spreken over de situatie binnen het eigen Koninkrijk."
    ),
    RULE_OF_LAW: (
        "In het coalitieakkoord worden maatregelen gepresenteerd om de democratie en de rechtsstaat te "
        "verstevigen. Dat dit onderwerp zo’n prominente plek krijgt, kan Amnesty alleen maar toejuichen: "
        "democratie, rechtsstaat en de naleving van fundamentele vrijheden en rechten zijn onlosmakelijk met "
        "elkaar verbonden. Dat rechtsstatelijke ethos zal ook buiten de paragraaf over de rechtsstaat concreet "
        "moeten worden, bijvoorbeeld in de aanpak van ondermijning."
    ),
    EQUALITY: (
        "Amnesty is verheugd dat het recht om niet gediscrimineerd te worden zo’n prominente plek inneemt in het "
        "coalitieakkoord. Al jaren voert Amnesty actie tegen discriminatie en racisme in de vorm van etnisch "
        "profileren door de overheid."
    ),
}

INTRODUCTION = (
    "{organisation} heeft kennisgenomen van {agreement} van VVD, D66, CDA en ChristenUnie. De woorden uit het "
    "akkoord worden in deze brief getoetst aan de mensenrechten. Dit is echter geen definitieve "
    "mensenrechtentoets voor het beleid van de coalitie. Woorden doen ertoe, maar uiteindelijk laten daden zien "
    "of een kabinet de fundamentele vrijheden van iedereen respecteert en beschermt.\n\n"
    "Naast zorgen ziet Amnesty ook lichtpuntjes in het coalitieakkoord. Het voornemen om de democratische "
    "rechtsorde te versterken kunnen we alleen maar toejuichen, en het aanpakken van etnisch profileren kan op "
    "Amnesty’s waardering rekenen. Het is echter zorgelijk om te lezen hoe de rechten van mensen die vluchten "
    "voor oorlog en vervolging verder onder druk komen te staan. Amnesty zal het nieuwe kabinet daarom "
    "doorlopend blijven beoordelen op zijn daden, en is te allen tijde bereid hierover in gesprek te gaan."
)
CLOSING = ("Amnesty is graag bereid de punten in deze brief nader toe te lichten.\n\n"
           "Hoogachtend,")

SETTINGS: dict[str, str] = {
    "organisation": "Amnesty International",
    "organisation_short": "Amnesty",
    "sender": "Amnesty International Nederland\nKeizersgracht 177\n1016 DR Amsterdam",
    "place": "Amsterdam",
    "date": "14 december 2021",
    "reference": "AI/2021/117",
    "agreement_title": "het coalitieakkoord ‘Omzien naar elkaar, vooruitkijken naar de toekomst’",
    "addressee": "Aan de leden van de Tweede Kamer der Staten-Generaal",
    "salutation": "Geachte leden van de Tweede Kamer,",
    "introduction": INTRODUCTION,
    "closing": CLOSING,
    "signatory_name": "Dagmar Oudshoorn",
    "signatory_function": "Directeur Amnesty International Nederland",
    "citation_style": "full",
    "summary": "1",
    "comments": "1",
    "sections": json.dumps({title: {"introduction": text} for title, text in SECTION_INTRODUCTIONS.items()},
                           ensure_ascii=False),
}

MEIJERS = "https://www.commissie-meijers.nl/wp-content/uploads/2025/03/CM-reactie-asielplannen.pdf"
KMAR = "Gerechtshof Den Haag 14 februari 2023, ECLI:NL:GHDHA:2023:173 (etnisch profileren door de KMar)"
ARUBA = "https://www.amnesty.nl/actueel/aruba-moet-venezolanen-die-asiel-zoeken-beter-beschermen"
CURACAO = "https://www.amnesty.nl/actueel/gevluchte-venezolanen-moeten-beter-worden-beschermd"


@dataclass(frozen=True)
class Point:
    """One annotation of the review: the passage as the agreement has it, and the reviewer's assessment."""

    theme: str
    quote: str
    judgment: str
    references: tuple[str, ...]
    comment: str
    sources: tuple[str, ...] = ()
    author: str = "Joost"
    bullet: bool = False  # the quote as another PDF reader keeps it, with the list bullet it began on
    together: bool = False  # argued in one paragraph with the point before it


POINTS: tuple[Point, ...] = (
    # Het recht op asiel
    Point(ASYLUM, "In Nederland is er altijd ruimte om mensen op te vangen die op de vlucht zijn voor oorlog, "
          "geweld en vervolging", "welcome", ("refugee_convention:1A",),
          "Amnesty benadrukt dat het respecteren van vluchtelingenrechten geen keuze is, maar een wettelijke en "
          "morele verplichting"),
    Point(ASYLUM, "In het EU-migratiebeleid willen wij inzetten op migratiepartnerschappen met derde landen die "
          "materieel voldoen aan de voorwaarden van het Vluchtelingenverdrag", "serious-concern",
          ("refugee_convention:33", "echr:3"),
          "Landen mogen mensen nooit terug het gevaar in sturen. Nederland mag zijn verantwoordelijkheid voor "
          "mensen op de vlucht niet afschuiven op landen buiten Europa, waar de garanties dat hun rechten worden "
          "gerespecteerd weinig geloofwaardig zijn", author="Fatima"),
    Point(ASYLUM, "willen wij de bescherming van de buitengrenzen van de EU verder versterken binnen "
          "internationale verdragen", "concern", ("eu_charter:18", "echr:P4-4"),
          "Iedereen heeft het recht om aan de grens bescherming aan te vragen; Amnesty roept het kabinet op zich "
          "in Europa uit te spreken tegen pushbacks", together=True),
    Point(ASYLUM, "In navolging van een van de aanbevelingen van deze commissie beziet het kabinet op korte "
          "termijn hoe in de asielprocedure het belang van het kind beter meegewogen wordt", "welcome",
          ("crc:3",), "Amnesty roept op om kinderen daarbij expliciet uit te sluiten van alle vormen van "
          "vreemdelingendetentie", author="Fatima"),
    Point(ASYLUM, "Dit doen wij door intensieve begeleiding via het terugkeerspoor uit te breiden, de meldplicht "
          "aan te scherpen", "concern", ("echr:5", "iccpr:9"),
          "Het recht op vrijheid is een belangrijk mensenrecht. Een strengere meldplicht mag niet uitmonden in "
          "vreemdelingendetentie, die volgens internationaal recht alleen als uiterst middel en zo kort mogelijk "
          "mag worden toegepast", (MEIJERS,)),
    Point(ASYLUM, "Zelfstandige gemeentelijke opvang is dan niet meer nodig en wordt door het Rijk niet meer "
          "gefinancierd", "violation", ("esc:13", "echr:3"),
          "Niemand mag op straat belanden zonder bed, bad en brood. Amnesty roept de Kamer op de gemeentelijke "
          "noodopvang te laten bestaan tot er een menswaardig alternatief is"),
    Point(ASYLUM, "Als sluitstuk van een zorgvuldig proces wordt in de wet het middel van de ongewenstverklaring "
          "aangepast zodat deze ook betrekking kan hebben op uitgeprocedeerde asielzoekers", "serious-concern",
          ("echr:8", "eu_return_directive:11"),
          "Hiermee wordt onrechtmatig verblijf in feite strafbaar gesteld, ook voor mensen die niet kunnen "
          "terugkeren", author="Anna"),
    # Het Koninkrijk en de wereld
    Point(KINGDOM, "4) respect voor mensenrechten blijven bevorderen in ons buitenlands beleid", "welcome", (),
          "Amnesty juicht toe dat de bevordering van mensenrechten een van de vijf lijnen van het buitenlandbeleid "
          "is"),
    Point(KINGDOM, "We spreken ons uit en treden gericht op tegen mensenrechtenschendingen", "welcome", (),
          "Om geloofwaardig te zijn, zal Nederland ook bereid moeten zijn klare taal te spreken over schendingen "
          "door bondgenoten", author="Fatima"),
    Point(KINGDOM, "Militaire missies zijn in overeenstemming met het volkenrecht en bij voorkeur op grond van een "
          "duidelijk mandaat van de Veiligheidsraad van de Verenigde Naties", "note", ("un_charter:2(4)",),
          "Amnesty vraagt het kabinet daarbij ook de lessen over burgerslachtoffers van eerdere missies te "
          "betrekken"),
    Point(KINGDOM, "wil Nederland de drie Caribische landen ondersteunen bij het inslaan van een pad naar "
          "duurzame groei", "concern", ("refugee_convention:33", "echr:5"),
          "Of de coalitie daarbij ook aandacht heeft voor mensen die asiel zoeken op een van de eilanden, blijft "
          "onbenoemd. De asielprocedures op Aruba en Curaçao voldoen onvoldoende aan internationale "
          "mensenrechtennormen", (ARUBA, CURACAO), author="Anna"),
    # De democratische rechtsstaat
    Point(RULE_OF_LAW, "We nemen de uitwerking van constitutionele toetsing ter hand", "welcome", ("grondwet:120",),
          "Toetsing van wetten aan de Grondwet versterkt de rechtsbescherming van iedereen in Nederland"),
    Point(RULE_OF_LAW, "We vergroten de toegang tot het recht voor burgers en mkb door de griffierechten te "
          "verlagen met 25%", "welcome", ("echr:6",),
          "Een sterke sociale advocatuur is een voorwaarde voor het recht op een eerlijk proces", author="Fatima"),
    Point(RULE_OF_LAW, "De aanpak van ondermijning wordt verstevigd door aanpassing van wetgeving, opsporing, "
          "straffen, gegevensuitwisseling en detentie", "concern", ("echr:6", "echr:8"),
          "Amnesty benadrukt dat ook in de strijd tegen georganiseerde misdaad iedere verdachte recht heeft op "
          "een eerlijk proces door een onafhankelijke rechter"),
    Point(RULE_OF_LAW, "met de mogelijkheid om crimineel vermogen te confisqueren wanneer veroordeling niet "
          "mogelijk is", "serious-concern", ("echr:6", "echr:P1-1"),
          "Vermogen afnemen zonder veroordeling door de rechter staat op gespannen voet met de onschuldpresumptie",
          author="Anna"),
    Point(RULE_OF_LAW, "passen geen gezichtsherkenning toe zonder strenge wettelijke afbakening en controle", "note",
          ("echr:8", "eu_charter:8"),
          "Amnesty roept op om gezichtsherkenning voor identificatie op afstand in de openbare ruimte te "
          "verbieden"),
    # Het recht op gelijke behandeling
    Point(EQUALITY, "Wij treden op tegen organisaties die zich schuldig maken aan discriminatie of racisme met "
          "boetes en een meldplicht voor discriminerende verzoeken aan makelaars, verhuurders, uitzendbureaus en "
          "vastgoedbemiddelaars", "welcome", ("icerd:2",), "", author="Fatima"),
    Point(EQUALITY, "We versterken de positie van de Nationaal Coördinator tegen Racisme en Discriminatie",
          "welcome", (), "Amnesty moedigt het kabinet daarnaast aan te komen tot een adequate aanpak van "
          "moslimdiscriminatie, samen met moslimbelangenorganisaties"),
    Point(EQUALITY, "We zetten ons in tegen etnisch profileren. Overheids- en uitvoeringsorganisaties moeten hierbij "
          "het goede voorbeeld geven", "welcome", ("grondwet:1", "icerd:2", "echr:14"),
          "Het gerechtshof oordeelde in de zaak die Amnesty met anderen tegen de staat voerde dat etnisch "
          "profileren discriminatie is. Amnesty gaat graag in gesprek over de invulling van het nieuwe beleid",
          (KMAR,), author="Anna", bullet=True),
    Point(EQUALITY, "ondersteunen wij het opnemen van een verbod op discriminatie op grond van een handicap in "
          "artikel 1 van de Grondwet", "welcome", ("grondwet:1", "crpd:5"), ""),
    Point(EQUALITY, "We regelen wettelijk dat algoritmes worden gecontroleerd op transparantie, discriminatie en "
          "willekeur", "concern", ("echr:14", "iccpr:26"),
          "Na de kinderopvangtoeslagaffaire is toezicht niet genoeg: Amnesty roept op tot een verbod op het "
          "gebruik van nationaliteit en etniciteit als risicofactor in algoritmes", author="Fatima"),
)

T0 = datetime(2021, 12, 13, 9, 0, tzinfo=timezone.utc)


def build_review(db_path: Path, pdf: Path = AGREEMENT) -> str:
    """Write the review into a new SQLite database at ``db_path``; returns the agreement's fingerprint."""
    import fitz

    from annotator.domain.model import Anchor, Annotation, Judgment, TreatyRef, new_id
    from annotator.letter.arrangement import ARRANGEMENT_KEY, Arrangement, arrangement_json, with_section
    from annotator.pdf.anchoring import Anchorer
    from annotator.pdf.document import file_fingerprint
    from annotator.pdf.labels import page_labels
    from annotator.pdf.textmodel import extract_page_text
    from annotator.store.database import Database
    from annotator.store.repository import Repository

    with fitz.open(pdf) as doc:
        texts = [extract_page_text(page) for page in doc]
        labels = page_labels(doc)
    anchorer = Anchorer(texts)
    db = Database.open(str(db_path))
    try:
        repo = Repository(db)
        fingerprint = file_fingerprint(pdf)
        repo.ensure_document(fingerprint, "Coalitieakkoord 2021-2025", len(texts), labels, pdf.name)
        themes = {title: repo.add_theme(title).id for title in THEMES}
        annotations = []
        for index, point in enumerate(POINTS):
            placement = anchorer.place(point.quote)
            anchor = placement.anchor
            if anchor is None or placement.candidates != 1:
                raise SystemExit(f"not found once in {pdf.name}: {point.quote!r} ({placement.candidates} places)")
            if point.bullet:
                anchor = Anchor(page=anchor.page, quads=anchor.quads, exact="\uf0b7 " + anchor.exact,
                                start=anchor.start, end=anchor.end, quad_pages=anchor.quad_pages)
            moment = T0 + timedelta(minutes=7 * index)
            annotations.append(Annotation(
                id=new_id(), document=fingerprint, author=point.author, anchor=anchor,
                judgment=Judgment(point.judgment), theme_id=themes[point.theme],
                references=tuple(TreatyRef.parse(ref) for ref in point.references), comment=point.comment,
                sources=point.sources, created=moment, modified=moment))
        repo.bulk_add(annotations)
        for key, value in SETTINGS.items():
            repo.set_letter_setting(key, value)
        # Each section in the order of its argument (the order of POINTS), two passages argued together.
        arrangement: Arrangement = ()
        for title, theme_id in themes.items():
            groups: list[list[str]] = []
            for point, annotation in zip(POINTS, annotations, strict=True):
                if point.theme == title:
                    if point.together and groups:
                        groups[-1].append(annotation.id)
                    else:
                        groups.append([annotation.id])
            arrangement = with_section(arrangement, theme_id, tuple(tuple(group) for group in groups),
                                       [id for group in groups for id in group], T0.isoformat())
        repo.set_letter_setting(ARRANGEMENT_KEY, arrangement_json(arrangement))
    finally:
        db.close()
    return fingerprint


def compile_brief(db_path: Path, out: Path, pdf: Path = AGREEMENT, *, annex: bool = True) -> str:
    """``annotator compile`` as a reviewer runs it; returns what it printed (its summary and warnings)."""
    command = [sys.executable, "-m", "annotator", "compile", "--db", str(db_path), "--pdf", str(pdf),
               "--out", str(out), *(["--annex"] if annex else [])]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"annotator compile failed ({done.returncode}): {done.stderr.strip()}")
    return (done.stdout + done.stderr).strip()


def look(docx_path: Path) -> list[Path]:
    """The letter as LibreOffice prints it: brief.pdf and one PNG per page at 70 dpi, beside the .docx."""
    folder = docx_path.parent
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftoppm") is None:
        raise SystemExit("--look needs libreoffice and pdftoppm (poppler-utils)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx_path)],
                   check=True, capture_output=True)
    printed = docx_path.with_suffix(".pdf")
    for old in folder.glob(f"{docx_path.stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(printed), str(folder / docx_path.stem)], check=True)
    return sorted(folder.glob(f"{docx_path.stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("realistic-review"), help="folder for the database and "
                        "the letter (default: ./realistic-review)")
    parser.add_argument("--pdf", type=Path, default=AGREEMENT, help="the 2021 agreement")
    parser.add_argument("--look", action="store_true", help="also brief.pdf and a PNG of each page")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    db_path = args.out / "review.sqlite"
    for stale in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        stale.unlink(missing_ok=True)
    build_review(db_path, args.pdf)
    brief = args.out / "brief.docx"
    print(compile_brief(db_path, brief, args.pdf))
    if args.look:
        for page in look(brief):
            print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
