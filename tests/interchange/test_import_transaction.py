"""An import is one transaction: its themes, reviewers and annotations all land, or none; many new themes at once;
two programs importing the same file at the same moment both finish, and nothing is there twice."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import fitz
import pytest

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, new_id
from annotator.pdf.document import file_fingerprint
from annotator.services.interchange import export_w3c, import_w3c
from annotator.store.database import Database
from annotator.store.repository import Repository

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
PHRASES = [f"Artikel {n} gaat over vreemdelingendetentie van kinderen in gezinslocaties" for n in range(12)]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "akkoord.pdf"
    doc = fitz.open()
    for start in range(0, len(PHRASES), 4):
        page = doc.new_page()
        for line, phrase in enumerate(PHRASES[start:start + 4]):
            page.insert_text((72, 100 + 40 * line), phrase, fontsize=10)
    doc.save(path)
    doc.close()
    return path


def _file(tmp_path: Path, pdf: Path, themes: int) -> dict[str, object]:
    """A colleague's export: one annotation per phrase, spread over ``themes`` themes of their own."""
    source = Database.open(str(tmp_path / "colleague.sqlite"))
    repo = Repository(source)
    fingerprint = file_fingerprint(pdf)
    repo.ensure_document(fingerprint, "Akkoord", 3, ["1", "2", "3"], pdf.name)
    made = repo.add_themes([f"Thema {n}" for n in range(themes)])
    for n, phrase in enumerate(PHRASES):
        anchor = Anchor(page=n // 4, quads=(Rect(72, 90 + 40 * (n % 4), 400, 102 + 40 * (n % 4)),), exact=phrase)
        repo.add(Annotation(id=new_id(), document=fingerprint, author="Bert", anchor=anchor,
                            judgment=Judgment.CONCERN, theme_id=made[n % themes].id, comment=f"Opmerking {n}"))
    data = export_w3c(source, fingerprint)
    source.close()
    return data


def _target(tmp_path: Path, backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'mine.sqlite'}"
    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to test against PostgreSQL")
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_import_the_database_refuses_halfway_leaves_no_theme_behind(tmp_path: Path, pdf: Path,
                                                                       backend: str) -> None:
    from sqlalchemy import text

    data = _file(tmp_path, pdf, themes=3)
    db = Database.open(_target(tmp_path, backend))
    before = [t.title for t in Repository(db).themes()]
    # The database refuses the last annotation (a rule of the team's server, a full disk: anything after the themes).
    with db.engine.begin() as connection:
        if backend == "sqlite":
            connection.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON annotations WHEN NEW.comment = "
                                    "'Opmerking 11' BEGIN SELECT RAISE(ABORT, 'refused by a rule'); END"))
        else:
            connection.execute(text("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.comment = "
                                    "'Opmerking 11' THEN RAISE EXCEPTION 'refused by a rule'; END IF; RETURN NEW; "
                                    "END $$ LANGUAGE plpgsql"))
            connection.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON annotations FOR EACH ROW "
                                    "EXECUTE FUNCTION refuse()"))
    with pytest.raises(Exception):
        import_w3c(db, pdf, data, author_fallback="Anna")
    repo = Repository(db)
    assert [t.title for t in repo.themes()] == before
    assert repo.annotations(file_fingerprint(pdf)) == [] and "Bert" not in repo.reviewers().values()
    db.close()


def test_many_new_themes_come_in_with_one_import(tmp_path: Path, pdf: Path) -> None:
    data = _file(tmp_path, pdf, themes=12)
    db = Database.open(_target(tmp_path, "sqlite"))
    report = import_w3c(db, pdf, data, author_fallback="Anna")
    titles = [t.title for t in Repository(db).themes()]
    assert len(report.themes_created) == 12 and titles[-12:] == [f"Thema {n}" for n in range(12)]
    assert [t.position for t in Repository(db).themes()] == list(range(len(titles)))
    db.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_programs_importing_the_same_file_at_once_both_finish(tmp_path: Path, pdf: Path, backend: str) -> None:
    data = _file(tmp_path, pdf, themes=4)
    url = _target(tmp_path, backend)
    Database.open(url).close()  # the layout exists before both start
    go = threading.Barrier(2)
    results: list[object] = []

    def one() -> None:
        db = Database.open(url)
        try:
            go.wait()
            results.append(import_w3c(db, pdf, data, author_fallback="Anna"))
        except Exception as error:  # noqa: BLE001 - reported below
            results.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(isinstance(result, Exception) for result in results), results
    db = Database.open(url)
    repo = Repository(db)
    assert len(repo.annotations(file_fingerprint(pdf))) == len(PHRASES)
    titles = [t.title for t in repo.themes() if t.title.startswith("Thema")]
    assert sorted(titles) == [f"Thema {n}" for n in range(4)]
    assert sorted(r.imported for r in results) == [0, len(PHRASES)]  # type: ignore[attr-defined]
    db.close()
