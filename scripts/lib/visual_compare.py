"""Compares rendered document pages (PNGs from pdftoppm) with committed references.

Usage: visual_compare.py REFERENCES RENDERS [--update]

Each page passes when it has the reference's size, its mean difference is under 0.3 % of full
scale, and under 0.5 % of its pixels differ by more than a quarter of full scale: small enough to
catch a moved table, a lost chart or a missing glyph, loose enough for anti-aliasing. With
--update, the renders become the references. The PNG reader is the standard library's zlib and
the format's five row filters, so no imaging package is needed.
"""
import os
import shutil
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: expected 8-bit greyscale or RGB without interlacing")
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 255
        previous = line
        # One grey level per pixel: the mean of its colour channels (alpha ignored).
        colours = min(channels, 3)
        rows.append([sum(line[x * channels:x * channels + colours]) // colours for x in range(width)])
    return width, height, rows


def compare(reference, render):
    width, height, expected = read_png(reference)
    render_width, render_height, actual = read_png(render)
    if (width, height) != (render_width, render_height):
        return f"size {render_width}x{render_height}, expected {width}x{height}"
    total = differing = 0
    for expected_row, actual_row in zip(expected, actual):
        for a, b in zip(expected_row, actual_row):
            difference = abs(a - b)
            total += difference
            differing += difference > 64
    mean = total / (width * height) / 255
    share = differing / (width * height)
    if mean > 0.003 or share > 0.005:
        return f"differs: mean {mean:.2%}, {share:.2%} of pixels"
    return None


def main():
    references, renders = sys.argv[1], sys.argv[2]
    pages = sorted(name for name in os.listdir(renders) if name.endswith(".png"))
    if "--update" in sys.argv:
        os.makedirs(references, exist_ok=True)
        for name in os.listdir(references):
            os.remove(os.path.join(references, name))
        for name in pages:
            shutil.copy(os.path.join(renders, name), references)
        print(f"visual check: {len(pages)} reference pages written to {references}")
        return 0
    expected = sorted(name for name in os.listdir(references) if name.endswith(".png"))
    failures = []
    if [name for name in expected if name.startswith("pdf-")] != [name for name in pages if name.startswith("pdf-")]:
        failures.append(f"PDF pages {[p for p in pages if p.startswith('pdf-')]}, expected {[p for p in expected if p.startswith('pdf-')]}")
    for name in pages:
        if name in expected:
            problem = compare(os.path.join(references, name), os.path.join(renders, name))
            if problem:
                failures.append(f"{name}: {problem} (see {os.path.join(renders, name)})")
        elif not name.startswith("docx-"):
            failures.append(f"{name}: no reference")
    for failure in failures:
        print("visual check: " + failure, file=sys.stderr)
    checked = len([name for name in pages if name in expected])
    print(f"visual check: {checked} pages compared, {len(failures)} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
