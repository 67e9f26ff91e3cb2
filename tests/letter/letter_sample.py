"""A review of the real 2021 agreement in a real SQLite file, shaped like the sections of the example letter."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fitz
import pytest
from corpus import corpus_file

from annotator.domain.model import Anchor, AnchorStatus, Annotation, Judgment, TreatyRef, new_id
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.textmodel import PageText, extract_page_text
from annotator.store.database import Database
from annotator.store.repository import Repository

T0 = datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc)

ASYLUM, RULE_OF_LAW, EQUALITY, KINGDOM = (
    "Het recht op asiel", "De democratische rechtsstaat", "Het recht op gelijke behandeling",
    "Het Koninkrijk en de wereld",
)

# (quote, judgment, theme, references, comment, sources), listed out of document order on purpose.
SAMPLE: tuple[tuple[str, Judgment, str | None, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("het uitbreiden van de Landelijke Vreemdelingen Voorziening (LVV) naar een landelijk dekkend netwerk waarbij "
     "de opvang altijd gericht is op terugkeer", Judgment.CONCERN, ASYLUM, ("crc:3", "eu_return_directive:17"),
     "Opvang mag niet afhangen van de bereidheid om mee te werken aan terugkeer", ()),
    ("In Nederland is er altijd ruimte om mensen op te vangen die op de vlucht zijn voor oorlog, geweld en "
     "vervolging", Judgment.WELCOME, ASYLUM, ("refugee_convention:33",), "", ()),
    ("de meldplicht aan te scherpen", Judgment.SERIOUS_CONCERN, ASYLUM, ("echr:5", "iccpr:9"),
     "Een strengere meldplicht mag niet uitmonden in vreemdelingendetentie zonder noodzaak",
     ("https://www.commissie-meijers.nl/wp-content/uploads/2025/03/CM-reactie-asielplannen.pdf",)),
    ("migratiepartnerschappen met derde landen", Judgment.VIOLATION, ASYLUM, ("refugee_convention:33", "echr:3"),
     "Amnesty roept het kabinet op om geen mensen over te dragen aan landen waar zij gevaar lopen", ()),
    ("We nemen de uitwerking van constitutionele toetsing ter hand", Judgment.WELCOME, RULE_OF_LAW,
     ("grondwet:120",), "Dit versterkt de rechtsbescherming van iedereen in Nederland", ()),
    ("straffen, gegevensuitwisseling en detentie", Judgment.NOTE, RULE_OF_LAW, ("echr:6",), "", ()),
    ("We zetten ons in tegen etnisch profileren", Judgment.WELCOME, EQUALITY, ("grondwet:1", "icerd:2"),
     "Amnesty vraagt het kabinet dit uit te werken in een concreet actieplan", ()),
    ("verbod op discriminatie op grond van een handicap in artikel 1 van de Grondwet", Judgment.WELCOME, EQUALITY,
     ("grondwet:1", "crpd:5"), "", ()),
    ("algoritmes worden gecontroleerd op transparantie, discriminatie en willekeur", Judgment.CONCERN, EQUALITY,
     ("echr:14",), "", ()),
    ("respect voor mensenrechten blijven bevorderen in ons buitenlands beleid", Judgment.NOTE, KINGDOM, (),
     "", ()),
    ("de drie Caribische landen ondersteunen", Judgment.CONCERN, KINGDOM, ("refugee_convention:33",),
     "Ook op de eilanden moeten asielprocedures voldoen aan internationale normen", ()),
    # Checks: a violation without references, an annotation without theme, one left out, one orphaned.
    ("Zelfstandige gemeentelijke opvang is dan niet meer nodig en wordt door het Rijk niet meer gefinancierd",
     Judgment.VIOLATION, ASYLUM, (), "", ()),
    ("We bannen stagediscriminatie uit", Judgment.WELCOME, None, (), "", ()),
    ("vetorecht af te schaffen bij sancties", Judgment.NOTE, KINGDOM, (), "", ()),
)
EXCLUDED_QUOTE = "vetorecht af te schaffen bij sancties"
ORPHAN_QUOTE = "Deze zin staat nergens in het coalitieakkoord van 2021"


@dataclass(frozen=True)
class Review:
    """The stored review: its database file, the PDF, its fingerprint and page labels."""

    db_path: Path
    pdf: Path
    fingerprint: str
    labels: list[str]
    texts: list[PageText]


@pytest.fixture(scope="session")
def agreement_texts() -> tuple[Path, list[PageText], list[str]]:
    """The 2021 agreement, its page texts and printed page labels."""
    pdf = corpus_file("coalitieakkoord-2021-2025.pdf")
    with fitz.open(pdf) as doc:
        return pdf, [extract_page_text(page) for page in doc], page_labels(doc)


def place(anchorer: Anchorer, quote: str) -> Anchor:
    """The anchor of a quote that must be in the agreement."""
    anchor = anchorer.place(quote).anchor
    assert anchor is not None, quote
    return anchor


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory,
                    agreement_texts: tuple[Path, list[PageText], list[str]]) -> Review:
    """The sample review stored once; tests get their own copy of the file."""
    pdf, texts, labels = agreement_texts
    path = tmp_path_factory.mktemp("review") / "review.sqlite"
    db = Database.open(str(path))
    try:
        repo = Repository(db)
        fingerprint = file_fingerprint(pdf)
        repo.ensure_document(fingerprint, "Coalitieakkoord 2021-2025", len(texts), labels, pdf.name)
        themes = {title: repo.add_theme(title).id for title in (ASYLUM, RULE_OF_LAW, EQUALITY, KINGDOM)}
        anchorer = Anchorer(texts)
        annotations = []
        for index, (quote, judgment, theme, refs, comment, sources) in enumerate(SAMPLE):
            annotations.append(Annotation(
                id=new_id(), document=fingerprint, author="Fatima" if index % 2 else "Joost",
                anchor=place(anchorer, quote), judgment=judgment, theme_id=themes[theme] if theme else None,
                references=tuple(TreatyRef.parse(ref) for ref in refs), comment=comment, sources=sources,
                include_in_letter=quote != EXCLUDED_QUOTE, created=T0 + timedelta(minutes=index),
                modified=T0 + timedelta(minutes=index)))
        # As an import keeps a quote it cannot place: an anchor without quads.
        annotations.append(Annotation(
            id=new_id(), document=fingerprint, author="Joost", anchor=Anchor(page=0, quads=(), exact=ORPHAN_QUOTE),
            status=AnchorStatus.ORPHANED, judgment=Judgment.CONCERN, theme_id=themes[ASYLUM], created=T0,
            modified=T0))
        repo.bulk_add(annotations)
        repo.set_letter_setting("organisation", "Amnesty International")
        repo.set_letter_setting("organisation_short", "Amnesty")
        repo.set_letter_setting("signatory_name", "Dagmar Oudshoorn")
        repo.set_letter_setting("signatory_function", "Directeur Amnesty International Nederland")
        repo.set_letter_setting("agreement_title", "het coalitieakkoord ‘Omzien naar elkaar, vooruitkijken naar "
                                "de toekomst’")
    finally:
        db.close()
    return Review(path, pdf, fingerprint, labels, texts)


@pytest.fixture
def review(review_template: Review, tmp_path: Path) -> Review:
    """A fresh copy of the sample review's database for one test."""
    copy = tmp_path / "review.sqlite"
    shutil.copy(review_template.db_path, copy)
    return Review(copy, review_template.pdf, review_template.fingerprint, review_template.labels,
                  review_template.texts)
