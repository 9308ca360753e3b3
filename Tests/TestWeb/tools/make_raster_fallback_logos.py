#!/usr/bin/env python3
"""Writes the raster logos of the fictional raster-only site www.rasterlogo.test (issue 10 item 6).

The site's header logo exists as PNG, JPEG and WebP (lossy VP8, lossless VP8L, and VP8X with
alpha), plus the shapes the raster fallback must refuse: a logo only 20 px high, a GIF, an
animated PNG and an animated WebP. Unlike make_rasters.py this needs Pillow (JPEG and WebP
encoders are not in the standard library); it is a developer tool, the written files are
committed and nothing in the tests runs it:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow
    /tmp/venv/bin/python Tests/TestWeb/tools/make_raster_fallback_logos.py

Written with Pillow 13.0.0; another version may write different (equally valid) bytes.
"""
import os

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.path.join(os.path.dirname(HERE), "sites", "www.rasterlogo.test")


def wordmark(width, height, mode="RGB", background=(255, 255, 255), ink=(0, 82, 147), shift=0):
    """A wide logo: a round emblem on the left and bars standing in for lettering."""
    image = Image.new(mode, (width, height), background if mode == "RGB" else background + (0,))
    draw = ImageDraw.Draw(image)
    colour = ink if mode == "RGB" else ink + (255,)
    pad = max(2, height // 10)
    draw.ellipse((pad + shift, pad, height - pad + shift, height - pad), fill=colour)
    x = height + pad
    bar = max(2, height // 4)
    while x + 18 < width - pad:
        draw.rectangle((x, height // 2 - bar // 2, x + 12, height // 2 + bar // 2), fill=colour)
        x += 20
    return image


def path(*parts):
    full = os.path.join(SITE, *parts)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    return full


def main():
    logo = wordmark(240, 60)
    logo.save(path("bilder", "rasterlogo.png"), optimize=True)
    logo.save(path("bilder", "rasterlogo.jpg"), quality=85)
    logo.save(path("bilder", "rasterlogo-progressive.jpg"), quality=85, progressive=True)
    logo.save(path("bilder", "rasterlogo.webp"), quality=80)
    logo.save(path("bilder", "rasterlogo-lossless.webp"), lossless=True)
    wordmark(240, 60, mode="RGBA").save(path("bilder", "rasterlogo-alpha.webp"), quality=80)
    wordmark(120, 20).save(path("bilder", "rasterlogo-20px.png"), optimize=True)
    wordmark(240, 60).convert("P", palette=Image.ADAPTIVE, colors=8).save(path("bilder", "rasterlogo.gif"))
    frames = [wordmark(240, 60, shift=step * 4) for step in range(3)]
    frames[0].save(path("bilder", "rasterlogo-animated.png"), save_all=True, append_images=frames[1:], duration=200, loop=0)
    frames[0].save(path("bilder", "rasterlogo-animated.webp"), save_all=True, append_images=frames[1:], duration=200, loop=0,
                   quality=80)


if __name__ == "__main__":
    main()
