"""A bounded cache of rendered pages, evicting the least recently used when it holds too many bytes or pages."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

CacheKey = tuple[int, int]  # (page index, scale in thousandths)
# Images kept at most, whatever their size: the pages around the ones on screen, to scroll back to without a render
# (more than a window shows even zoomed out). On an ordinary screen they take far less than the byte budget, which
# binds first on a high-density one.
MAX_IMAGES = 48


class PageImageCache:
    """Rendered page images by (page, scale); never holds more than ``max_bytes`` of pixels, nor more than
    ``max_images`` images."""

    def __init__(self, max_bytes: int, max_images: int = MAX_IMAGES) -> None:
        self.max_bytes = max_bytes
        self.max_images = max_images
        self._images: OrderedDict[CacheKey, QImage] = OrderedDict()
        self._bytes = 0
        self.peak_bytes = 0

    @staticmethod
    def key(page: int, scale: float) -> CacheKey:
        return (page, round(scale * 1000))

    def get(self, page: int, scale: float) -> QImage | None:
        """The image at exactly this scale, marking it recently used."""
        key = self.key(page, scale)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def best(self, page: int) -> QImage | None:
        """Any image of the page (the most recently used), to show scaled while a sharp one renders."""
        for (index, _), image in reversed(self._images.items()):
            if index == page:
                return image
        return None

    def put(self, page: int, scale: float, image: QImage) -> None:
        """Store an image, in place of the page's images at other scales (they were only there to show scaled while
        this one rendered), and evict old ones until the cache fits its budget again."""
        key = self.key(page, scale)
        for other in [cached for cached in self._images if cached[0] == page]:
            self._bytes -= self._images.pop(other).sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while (self._bytes > self.max_bytes or len(self._images) > self.max_images) and len(self._images) > 1:
            _, evicted = self._images.popitem(last=False)
            self._bytes -= evicted.sizeInBytes()
        self.peak_bytes = max(self.peak_bytes, self._bytes)

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._images)
