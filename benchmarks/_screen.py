"""What an X screen shows, read from outside the program that draws it: a grab of the root window through Xlib.

Used by startup_ratio.py --screen: a grab every 25 ms, counting text strokes on a light page. Only the green channel
is looked at (black or dark-teal text on white), classified per pixel with ``bytes.translate``, so that a grab of
1200 x 860 pixels and its count take a few milliseconds without numpy.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os


class _XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
        ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
    ]


_ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)
_Z_PIXMAP = 2

# Per pixel of the green channel: W a page's white, D a text stroke's dark, m anything else.
_CLASSES = bytes(ord("W") if g >= 235 else ord("D") if g <= 140 else ord("m") for g in range(256))
_DARK = bytes(ord("D") if g <= 140 else ord(".") for g in range(256))


class _XShmSegmentInfo(ctypes.Structure):
    _fields_ = [("shmseg", ctypes.c_ulong), ("shmid", ctypes.c_int), ("shmaddr", ctypes.c_void_p),
                ("readOnly", ctypes.c_int)]


class Screen:
    """The X display of $DISPLAY; :meth:`green` grabs the rectangle (0, 0, width, height) of its root window (all of
    it without a size).

    Through the MIT shared memory extension where the server has it (the grab is then a copy inside the X server,
    a few milliseconds that take little from the programs measured), else with a plain XGetImage."""

    def __init__(self, width: int | None = None, height: int | None = None, every: int = 1) -> None:
        self.every = every  # every n-th pixel of a row (width // every of them): cheaper, still sees the strokes
        x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.POINTER(_XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XDefaultVisual.restype = ctypes.c_void_p
        x.XDefaultVisual.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XDefaultDepth.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._x = x
        self._display = x.XOpenDisplay(os.environ["DISPLAY"].encode())
        if not self._display:
            raise RuntimeError(f"cannot open the X display {os.environ['DISPLAY']}")
        self._root = x.XDefaultRootWindow(self._display)
        x.XDisplayWidth.argtypes = x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.width = width or x.XDisplayWidth(self._display, 0)
        self.height = height or x.XDisplayHeight(self._display, 0)
        self._shm: tuple[object, object, _XShmSegmentInfo, int] | None = None
        try:
            self._shm = self._shared_image()
        except (OSError, RuntimeError, AttributeError):
            self._shm = None

    def _shared_image(self) -> tuple[object, object, _XShmSegmentInfo, int]:
        xext = ctypes.CDLL(ctypes.util.find_library("Xext") or "libXext.so.6")
        libc = ctypes.CDLL(None, use_errno=True)
        xext.XShmQueryExtension.argtypes = [ctypes.c_void_p]
        if not xext.XShmQueryExtension(self._display):
            raise RuntimeError("no MIT-SHM")
        xext.XShmCreateImage.restype = ctypes.POINTER(_XImage)
        xext.XShmCreateImage.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                         ctypes.c_char_p, ctypes.POINTER(_XShmSegmentInfo), ctypes.c_uint,
                                         ctypes.c_uint]
        xext.XShmAttach.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XShmSegmentInfo)]
        xext.XShmGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XImage), ctypes.c_int,
                                      ctypes.c_int, ctypes.c_ulong]
        libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
        libc.shmat.restype = ctypes.c_void_p
        libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
        libc.shmctl.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
        info = _XShmSegmentInfo()
        depth = self._x.XDefaultDepth(self._display, 0)
        image = xext.XShmCreateImage(self._display, self._x.XDefaultVisual(self._display, 0), depth, _Z_PIXMAP,
                                     None, ctypes.byref(info), self.width, self.height)
        if not image or image.contents.bits_per_pixel != 32:
            raise RuntimeError("no 32-bit shared image")
        size = image.contents.bytes_per_line * image.contents.height
        info.shmid = libc.shmget(0, size, 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
        if info.shmid < 0:
            raise OSError(ctypes.get_errno(), "shmget")
        info.shmaddr = libc.shmat(info.shmid, None, 0)
        image.contents.data = info.shmaddr
        info.readOnly = 0
        if not xext.XShmAttach(self._display, ctypes.byref(info)):
            raise RuntimeError("XShmAttach failed")
        self._x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._x.XSync(self._display, 0)
        libc.shmctl(info.shmid, 0, None)  # IPC_RMID: gone once both sides detach
        return xext, image, info, size

    def green(self) -> bytes:
        """The green channel of the rectangle, row by row (width // every x height bytes)."""
        if self._shm is not None:
            xext, image, info, size = self._shm
            if not xext.XShmGetImage(self._display, self._root, image, 0, 0, _ALL_PLANES):  # type: ignore[attr-defined]
                raise RuntimeError("XShmGetImage failed")
            stride = image.contents.bytes_per_line  # type: ignore[attr-defined]
            data = ctypes.string_at(info.shmaddr, size)
            if stride != self.width * 4:
                data = b"".join(data[row * stride:row * stride + self.width * 4] for row in range(self.height))
            return data[1::4 * self.every]  # BGRX: green is the second byte of each pixel
        image = self._x.XGetImage(self._display, self._root, 0, 0, self.width, self.height, _ALL_PLANES, _Z_PIXMAP)
        if not image:
            raise RuntimeError("XGetImage failed")
        try:
            contents = image.contents
            if contents.bits_per_pixel != 32:
                raise RuntimeError(f"expected a 32-bit screen, got {contents.bits_per_pixel} bits per pixel")
            data = ctypes.string_at(contents.data, contents.bytes_per_line * contents.height)
            stride = contents.bytes_per_line
        finally:
            self._x.XFree(image.contents.data)
            self._x.XFree(image)
        if stride != self.width * 4:
            data = b"".join(data[row * stride:row * stride + self.width * 4] for row in range(self.height))
        return data[1::4 * self.every]  # BGRX: green is the second byte of each pixel


def page_strokes(green: bytes, width: int, height: int) -> int:
    """Text strokes on the light page the screen shows: the dark runs of pixels (read along the rows) inside the
    widest band of columns that are white for at least a third of their height, between its first and last mostly
    white row. 0 when no such page is on screen (a window still grey or black, only menus and toolbars)."""
    classes = green.translate(_CLASSES)
    step = 2  # every other column is enough to find the page's edges
    white_columns = [classes[column::width].count(b"W") >= height // 3 for column in range(0, width, step)]
    best = (0, 0)
    start = None
    for index, white in enumerate([*white_columns, False]):
        if white and start is None:
            start = index
        elif not white and start is not None:
            if index - start > best[1] - best[0]:
                best = (start, index)
            start = None
    left, right = best[0] * step, min(width, best[1] * step)
    if right - left < width // 6:
        return 0
    rows = [classes[row * width + left:row * width + right] for row in range(height)]
    light = [index for index, row in enumerate(rows) if row.count(b"W") >= (right - left) // 2]
    if not light:
        return 0
    dark = green.translate(_DARK)
    return sum(dark[row * width + left:row * width + right].count(b".D") for row in range(light[0], light[-1] + 1))
