"""Importing a large set of annotations in one go (the fast path of W3C/CSV import and merge)."""

from __future__ import annotations

import time
from dataclasses import replace
from collections.abc import Callable

import pytest

from annotator.domain.model import Annotation, Judgment, TreatyRef, new_id
from annotator.store.repository import DuplicateError, Repository
from store_support import FINGERPRINT

Make = Callable[..., Annotation]


@pytest.mark.slow
def test_fifty_thousand_annotations_in_one_import(repo: Repository, make_annotation: Make) -> None:
    template = make_annotation(
        judgment=Judgment.CONCERN,
        references=(TreatyRef.parse("echr:8"), TreatyRef.parse("Handvest art. 7")),
        comment="Geïmporteerd uit de gedeelde map.",
    )
    assert template.anchor is not None
    items = [
        template.changed(id=new_id(), anchor=replace(template.anchor, page=n % 50, exact=f"passage {n}"))
        for n in range(50_000)
    ]

    started = time.perf_counter()
    added = repo.bulk_add(items)
    seconds = time.perf_counter() - started
    print(f"\nbulk_add of 50,000 annotations: {seconds:.2f} s")

    assert added == 50_000
    page_seven = repo.annotations(FINGERPRINT, page=7)
    assert len(page_seven) == 1_000
    assert repo.get(items[12_345].id) == items[12_345]
    assert len(repo.annotations(FINGERPRINT, page=7, reference="Handvest art. 7")) == 1_000
    assert repo.change_token(FINGERPRINT).count == 50_000


def test_an_import_with_a_known_id_adds_nothing(repo: Repository, make_annotation: Make) -> None:
    existing = repo.add(make_annotation())
    batch = [make_annotation() for _ in range(10)] + [existing]
    with pytest.raises(DuplicateError, match=existing.id):
        repo.bulk_add(batch)
    assert [a.id for a in repo.annotations(FINGERPRINT)] == [existing.id]
