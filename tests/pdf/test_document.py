"""Opening real PDFs: every kind of bad file gets its own clear error; good files are described correctly."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from corpus import corpus_file

from annotator.pdf.document import file_fingerprint, open_pdf, read_info
from annotator.pdf.errors import (
    DamagedPdfError,
    EmptyPdfError,
    NotAPdfError,
    PasswordRequiredError,
    PdfOpenError,
)

ENCRYPTED = "pypdf-libreoffice-writer-password.pdf"


def test_jpeg_renamed_to_pdf_is_refused() -> None:
    path = corpus_file("notpdf-jpeg-image.pdf")
    with pytest.raises(NotAPdfError) as caught:
        open_pdf(path)
    assert caught.value.path == path
    assert "notpdf-jpeg-image.pdf" in str(caught.value)


def test_text_file_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Aantekeningen bij het coalitieakkoord\n", encoding="utf-8")
    with pytest.raises(NotAPdfError, match="notes.pdf"):
        open_pdf(path)


def test_zero_byte_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.pdf"
    path.write_bytes(b"")
    with pytest.raises(NotAPdfError, match="empty"):
        open_pdf(path)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(PdfOpenError, match="weg.pdf"):
        open_pdf(tmp_path / "weg.pdf")


def test_pdf_without_pages_is_refused() -> None:
    with pytest.raises(EmptyPdfError, match="without any pages"):
        open_pdf(corpus_file("qpdf-empty.pdf"))


@pytest.mark.parametrize("fraction", [0.1, 0.3])
def test_truncated_agreement_is_damaged(agreement_2021: Path, tmp_path: Path, fraction: float) -> None:
    data = agreement_2021.read_bytes()
    path = tmp_path / "afgebroken.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(DamagedPdfError, match="afgebroken.pdf"):
        open_pdf(path)


def test_agreement_missing_only_its_trailer_opens_repaired(agreement_2021: Path, tmp_path: Path) -> None:
    data = agreement_2021.read_bytes()
    path = tmp_path / "zonder-trailer.pdf"
    path.write_bytes(data[:-200])
    info = read_info(path)
    assert info.repaired
    assert info.page_count == 50
    assert info.pages_without_text == ()


def test_encrypted_without_password() -> None:
    with pytest.raises(PasswordRequiredError) as caught:
        open_pdf(corpus_file(ENCRYPTED))
    assert caught.value.wrong_password is False
    assert "password" in str(caught.value)


def test_encrypted_with_wrong_password() -> None:
    with pytest.raises(PasswordRequiredError) as caught:
        open_pdf(corpus_file(ENCRYPTED), password="verkeerd")
    assert caught.value.wrong_password is True


def test_encrypted_with_right_password_has_readable_text() -> None:
    path = corpus_file(ENCRYPTED)
    doc = open_pdf(path, password="openpassword")
    assert doc.page_count == 1
    assert "Lorem ipsum" in doc.load_page(0).get_text()
    info = read_info(path, password="openpassword")
    assert info.encrypted
    assert info.pages_without_text == ()


def test_damaged_cross_reference_is_repaired() -> None:
    info = read_info(corpus_file("qpdf-issue-202.pdf"))
    assert info.repaired
    assert info.page_count == 10


def test_scanned_pages_have_no_text_layer(scanned_pdf: Path) -> None:
    info = read_info(scanned_pdf)
    assert info.pages_without_text == (0, 1, 2)
    assert info.to_json()["pages_without_text"] == [1, 2, 3]


def test_fingerprint_is_sha256_of_the_bytes(agreement_2021: Path, tmp_path: Path) -> None:
    expected = hashlib.sha256(agreement_2021.read_bytes()).hexdigest()
    assert file_fingerprint(agreement_2021) == expected
    renamed = tmp_path / "ander-naam.pdf"
    shutil.copy(agreement_2021, renamed)
    assert file_fingerprint(renamed) == expected


def test_agreement_info(agreement_2021: Path) -> None:
    info = read_info(agreement_2021)
    assert info.title == "Omzien naar elkaar, vooruitkijken naar de toekomst"
    assert info.page_count == 50
    assert not info.encrypted and not info.repaired
    data = info.to_json()
    assert set(data) == {
        "path", "title", "pages", "fingerprint", "encrypted", "repaired", "pages_without_text", "page_labels"
    }
    assert data["pages"] == 50
    assert data["page_labels"][3] == "1"


def test_title_falls_back_to_file_stem(tmp_path: Path) -> None:
    import fitz

    path = tmp_path / "blanco-notitie.pdf"
    doc = fitz.open()
    doc.new_page()
    doc.save(path)
    assert read_info(path).title == "blanco-notitie"
