"""Reads the PNG screenshots Chromium takes and says whether an area is blank.

Only what Chromium writes is decoded: 8-bit RGB or RGBA, not interlaced (anything else is refused
with a sentence, never misread). Standard library only (zlib), so the browser test needs no image
library.
"""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Image:
    """Decoded pixels, row by row; `pixel(x, y)` is an (r, g, b) tuple."""

    def __init__(self, width, height, channels, rows):
        self.width = width
        self.height = height
        self.channels = channels
        self.rows = rows

    def pixel(self, x, y):
        start = x * self.channels
        return tuple(self.rows[y][start:start + 3])


def decode(data):
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG file (the signature is missing)")
    position = 8
    header = None
    compressed = bytearray()
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without an IHDR chunk")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace != 0:
        raise ValueError(
            f"PNG kind not supported here (bit depth {depth}, colour type {colour_type}, interlace {interlace}); "
            "expected 8-bit RGB or RGBA without interlacing, as Chromium writes")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError(f"PNG data is {len(raw)} bytes, expected {height * (stride + 1)}")
    rows = []
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1:offset + 1 + stride])
        offset += stride + 1
        _unfilter(kind, line, previous, channels)
        rows.append(line)
        previous = line
    return Image(width, height, channels, rows)


def _unfilter(kind, line, previous, channels):
    if kind == 0:
        return
    for index in range(len(line)):
        left = line[index - channels] if index >= channels else 0
        up = previous[index]
        if kind == 1:
            line[index] = (line[index] + left) & 0xFF
        elif kind == 2:
            line[index] = (line[index] + up) & 0xFF
        elif kind == 3:
            line[index] = (line[index] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            upper_left = previous[index - channels] if index >= channels else 0
            estimate = left + up - upper_left
            distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
            if distances[0] <= distances[1] and distances[0] <= distances[2]:
                predictor = left
            elif distances[1] <= distances[2]:
                predictor = up
            else:
                predictor = upper_left
            line[index] = (line[index] + predictor) & 0xFF
        else:
            raise ValueError(f"PNG row filter {kind} is not one of 0-4")


# A pixel counts as drawn when one channel differs from the background by more than this. Chromium's
# screenshots are lossless and a flat CSS background is drawn exactly, so any real mark passes, also
# a dark logo on the dark cell (#1d1d1b on #222222 is drawn, though hard to see): the check is that the
# logo was rendered, not that it has contrast (CONTRAST_TOLERANCE is reported beside it).
CHANNEL_TOLERANCE = 2
CONTRAST_TOLERANCE = 32
# A cell counts as drawn when at least this share of its pixels (and at least MINIMUM_PIXELS) is:
# enough that a stray border or focus ring cannot pass for a logo, little enough for a thin wordmark.
MINIMUM_SHARE = 0.005
MINIMUM_PIXELS = 20


def drawn_pixels(image, background, box=None, tolerance=CHANNEL_TOLERANCE):
    """How many pixels inside box (left, top, right, bottom; default the whole image) differ from
    the background colour (r, g, b) by more than tolerance in a channel, and how many pixels the box holds."""
    left, top, right, bottom = box or (0, 0, image.width, image.height)
    left, top = max(0, left), max(0, top)
    right, bottom = min(image.width, right), min(image.height, bottom)
    count = 0
    for y in range(top, bottom):
        row = image.rows[y]
        for x in range(left, right):
            start = x * image.channels
            if (abs(row[start] - background[0]) > tolerance
                    or abs(row[start + 1] - background[1]) > tolerance
                    or abs(row[start + 2] - background[2]) > tolerance):
                count += 1
    return count, max(0, right - left) * max(0, bottom - top)


def is_drawn(count, total):
    return total > 0 and count >= MINIMUM_PIXELS and count >= MINIMUM_SHARE * total
