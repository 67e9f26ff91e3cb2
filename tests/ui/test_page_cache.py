"""The cache of rendered pages is bounded by bytes and by the number of pages, whichever binds first."""

from __future__ import annotations

from PySide6.QtGui import QImage

from annotator.ui.cache import MAX_IMAGES, PageImageCache


def _page() -> QImage:
    return QImage(100, 140, QImage.Format.Format_RGB888)


def test_a_large_budget_still_keeps_only_the_pages_used_last() -> None:
    cache = PageImageCache(256 * 2**20)
    for page in range(3 * MAX_IMAGES):
        cache.put(page, 1.0, _page())
        cache.get(0, 1.0)  # the reviewer keeps going back to the first page
    assert len(cache) == MAX_IMAGES
    assert cache.get(0, 1.0) is not None and cache.get(3 * MAX_IMAGES - 1, 1.0) is not None
    assert cache.get(MAX_IMAGES, 1.0) is None


def test_a_small_budget_binds_first() -> None:
    cache = PageImageCache(5 * _page().sizeInBytes())
    for page in range(20):
        cache.put(page, 1.0, _page())
    assert len(cache) == 5 and cache.size_bytes <= cache.max_bytes


def test_a_page_is_kept_at_the_scale_it_was_rendered_at_last() -> None:
    cache = PageImageCache(256 * 2**20)
    cache.put(0, 1.0, _page())
    cache.put(1, 1.0, _page())
    sharper = QImage(150, 210, QImage.Format.Format_RGB888)
    cache.put(0, 1.5, sharper)  # after zooming in: the image at 1.0 was only shown scaled while this rendered
    assert cache.get(0, 1.0) is None and cache.get(0, 1.5) is sharper and cache.best(0) is sharper
    assert cache.get(1, 1.0) is not None
    assert len(cache) == 2 and cache.size_bytes == sharper.sizeInBytes() + _page().sizeInBytes()
