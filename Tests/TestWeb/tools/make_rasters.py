#!/usr/bin/env python3
"""Writes the authored raster files (PNG, ICO) used by the sample sites.

All rasters on the test web are simple authored shapes (solid colours and bars),
made here with the standard library only, so that the sites have realistic PNG
header logos, favicons, apple-touch-icons and og:image banners. Run from anywhere:

    python3 Tests/TestWeb/tools/make_rasters.py

It is deterministic; re-running rewrites identical bytes.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = os.path.join(os.path.dirname(HERE), "sites")


def png(width, height, pixel):
    """pixel(x, y) -> (r, g, b). Returns PNG bytes (8-bit RGB, no interlace)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data +
                struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def ico(png_bytes, size):
    """An ICO file holding one PNG image (valid since Windows Vista, read by all browsers)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    return header + entry + png_bytes


def hexrgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def square_icon(size, bg, fg):
    bg, fg = hexrgb(bg), hexrgb(fg)
    m = size // 4

    def px(x, y):
        return fg if m <= x < size - m and m <= y < size - m else bg
    return png(size, size, px)


def wordmark(width, height, bg, fg):
    """A wide 'logo': a mark on the left and text-like bars (no real lettering)."""
    bg, fg = hexrgb(bg), hexrgb(fg)

    def px(x, y):
        if x < height and abs(x - height // 2) + abs(y - height // 2) < height // 2 - 2:
            return fg
        bar_top = height // 2 - height // 8
        if height + 8 <= x < width - 8 and bar_top <= y < bar_top + height // 4 and (x // 14) % 3 != 2:
            return fg
        return bg
    return png(width, height, px)


def banner(width, height, bg, fg):
    bg, fg = hexrgb(bg), hexrgb(fg)

    def px(x, y):
        return fg if (x + y) % 120 < 40 else bg
    return png(width, height, px)


def write(rel, data):
    path = os.path.join(SITES, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    # www.mattilsynet.no
    write("www.mattilsynet.no/favicon.ico", ico(square_icon(32, "#ffffff", "#1a4a3a"), 32))
    write("www.mattilsynet.no/_/asset/no.mattilsynet.web:1731400000/img/apple-touch-icon.png",
          square_icon(180, "#ffffff", "#1a4a3a"))
    write("www.mattilsynet.no/_/image/og-mattilsynet-1200x630.png", banner(1200, 630, "#1a4a3a", "#e4efe9"))
    # www.datatilsynet.no
    write("www.datatilsynet.no/favicon.ico", ico(square_icon(32, "#ffffff", "#00244e"), 32))
    # www.nkom.no
    write("www.nkom.no/favicon.ico", ico(square_icon(32, "#ffffff", "#003a70"), 32))
    write("www.nkom.no/Content/icons/favicon-32x32.png", square_icon(32, "#ffffff", "#003a70"))
    # www.sodir.no: the header logo is a PNG
    write("www.sodir.no/globalassets/logo/sodir-logo.png", wordmark(240, 62, "#ffffff", "#1d1d1b"))
    write("www.sodir.no/favicon.ico", ico(square_icon(32, "#ffffff", "#1d1d1b"), 32))
    # www.trygderetten.no, www.sivilrett.no
    write("www.trygderetten.no/favicon.ico", ico(square_icon(32, "#ffffff", "#ea0029"), 32))
    write("www.sivilrett.no/favicon.ico", ico(square_icon(32, "#ffffff", "#222222"), 32))
    # www.statsforvalteren.no: CSS background sprite in the header (not an SVG)
    write("www.statsforvalteren.no/static/img/header-sprite.png", wordmark(292, 76, "#ffffff", "#020203"))
    write("www.statsforvalteren.no/favicon.ico", ico(square_icon(32, "#ffffff", "#020203"), 32))
    # www.ssikt.no
    write("www.ssikt.no/favicon.ico", ico(square_icon(16, "#ffffff", "#2c7c8e"), 16))
    # www.digdir.no
    write("www.digdir.no/favicon.ico", ico(square_icon(32, "#ffffff", "#1e2b3c"), 32))
    write("www.digdir.no/themes/custom/digdir/images/apple-touch-icon.png", square_icon(180, "#1e2b3c", "#ffffff"))
    write("www.digdir.no/sites/default/files/og-digdir-1200x630.png", banner(1200, 630, "#1e2b3c", "#ffffff"))
    # www.brreg.no
    write("www.brreg.no/favicon.ico", ico(square_icon(32, "#ffffff", "#00205b"), 32))
    # www.nav.no
    write("www.nav.no/favicon.ico", ico(square_icon(32, "#ffffff", "#c30000"), 32))
    write("www.nav.no/_next/static/media/apple-touch-icon.2b1c7e9a.png", square_icon(180, "#ffffff", "#c30000"))
    # www.hemit.no: PNG fallback inside <picture>
    write("www.hemit.no/assets/img/hemit-logo.png", wordmark(159, 58, "#ffffff", "#003087"))
    write("www.hemit.no/favicon.ico", ico(square_icon(32, "#ffffff", "#003087"), 32))
    # www.oslo.kommune.no
    write("www.oslo.kommune.no/favicon.ico", ico(square_icon(32, "#ffffff", "#2a2859"), 32))


def corpus():
    """Rasters of the labelled corpus (corpus.json)."""
    B = "www.bergen.kommune.no/_/asset/no.bergen.kommune.web:1729000000/favicon/"
    write(B + "favicon.ico", ico(square_icon(32, "#ffffff", "#0c3b5c"), 32))
    write(B + "apple-touch-icon.png", square_icon(180, "#0c3b5c", "#ffffff"))
    write("www.stavanger.kommune.no/assets/favicon/favicon.ico", ico(square_icon(32, "#ffffff", "#00457c"), 32))
    write("www.stavanger.kommune.no/assets/favicon/apple-touch-icon.png", square_icon(180, "#00457c", "#f3b31b"))
    write("www.xn--brum-voa.kommune.no/static/favicon-32x32.png", square_icon(32, "#ffffff", "#004b87"))
    write("www.vestlandfylke.no/static/img/favicon.ico", ico(square_icon(32, "#ffffff", "#00394d"), 32))
    write("www.vestlandfylke.no/static/img/apple-touch-icon.png", square_icon(180, "#00394d", "#e35205"))
    write("www.kristiansand.kommune.no/siteassets/felles/favicon/favicon-32.png", square_icon(32, "#ffffff", "#002e5f"))
    for n in (32, 180, 192, 270):
        write(f"www.tromso.kommune.no/wp-content/uploads/2022/03/cropped-tk-ikon-{n}x{n}.png",
              square_icon(n, "#0a2240", "#3fa9f5"))
    write("www.bodo.kommune.no/favicon.ico", ico(square_icon(32, "#ffffff", "#003d6a"), 32))
    write("www.fredrikstad.kommune.no/dist/favicon/favicon.ico", ico(square_icon(32, "#ffffff", "#1d3c6e"), 32))
    write("www.sandnes.kommune.no/static/gfx/favicon.ico", ico(square_icon(32, "#ffffff", "#005f8c"), 32))
    write("www.sandnes.kommune.no/static/gfx/sandnes-kommune-logo-240.png", wordmark(240, 56, "#ffffff", "#005f8c"))
    write("www.rogfk.no/static/img/favicon-32.png", square_icon(32, "#ffffff", "#003e6b"))
    write("www.rogfk.no/static/img/rfk-logo-header.png", wordmark(220, 52, "#ffffff", "#003e6b"))
    # corpus batch 2
    write("www.trondheim.kommune.no/favicon.ico", ico(square_icon(32, "#ffffff", "#c8102e"), 32))
    write("www.trondheim.kommune.no/globalassets/grafikk/apple-touch-icon-152.png", square_icon(152, "#c8102e", "#ffffff"))
    write("www.trondheim.kommune.no/globalassets/grafikk/trondheim-delebilde.png", banner(1200, 630, "#c8102e", "#ffffff"))
    write("www.trondheim.kommune.no/globalassets/grafikk/trondheim-kommune-logo.png", wordmark(260, 64, "#ffffff", "#c8102e"))
    write("www.sauda.kommune.no/kunde/favicon.ico", ico(square_icon(16, "#ffffff", "#1f5aa6"), 16))
    write("www.sauda.kommune.no/handlers/bv.ashx/i4d3e2f1a/sauda-kommune-logo.png", wordmark(280, 70, "#ffffff", "#1f5aa6"))
    write("www.nfk.no/Static/img/favicon-32x32.png", square_icon(32, "#ffffff", "#004f71"))
    write("www.nfk.no/Static/img/favicon-16x16.png", square_icon(16, "#ffffff", "#004f71"))
    write("www.nfk.no/Static/img/apple-touch-icon.png", square_icon(180, "#004f71", "#f6a800"))
    write("www.nfk.no/Static/img/nfk-deling-1200x630.png", banner(1200, 630, "#004f71", "#f6a800"))
    write("www.nfk.no/Static/img/nfk-logo.png", wordmark(230, 56, "#ffffff", "#004f71"))
    write("www.nfk.no/Static/img/nfk-logo@2x.png", wordmark(460, 112, "#ffffff", "#004f71"))
    write("www.smaavik.test/favicon.ico", ico(square_icon(16, "#ffffff", "#2e6b30"), 16))
    write("www.smaavik.test/bilder/kommunevaapen.png", square_icon(80, "#2e6b30", "#f2d600"))
    write("www.soknadsnemnda.test/favicon.ico", ico(square_icon(32, "#ffffff", "#1b3a5c"), 32))
    write("www.soknadsnemnda.test/logo192.png", square_icon(192, "#1b3a5c", "#ffffff"))
    write("www.soknadsnemnda.test/logo512.png", square_icon(512, "#1b3a5c", "#ffffff"))
    # corpus batch 3
    write("elhub.no/favicon.ico", ico(square_icon(48, "#ffffff", "#1a1a1a"), 48))
    write("elhub.no/_next/static/media/og-elhub.9e8d7c6b.png", banner(1200, 630, "#1a1a1a", "#ffcd00"))
    write("www.fjellinjen.no/favicon.ico", ico(square_icon(32, "#ffffff", "#062f19"), 32))
    write("www.fjellinjen.no/assets/icons/apple-touch-icon.png", square_icon(180, "#062f19", "#ffffff"))
    write("avfallsor.no/wp-content/uploads/2021/02/cropped-afs-ikon-32x32.png", square_icon(32, "#ffffff", "#00843d"))
    write("avfallsor.no/wp-content/uploads/2021/02/cropped-afs-ikon-180x180.png", square_icon(180, "#00843d", "#ffffff"))
    write("www.norges-bank.no/globalassets/system/favicon/favicon-32x32.png", square_icon(32, "#ffffff", "#002f5f"))
    write("www.norges-bank.no/globalassets/system/favicon/apple-touch-icon.png", square_icon(180, "#002f5f", "#ffffff"))
    write("www.norges-bank.no/globalassets/system/deling/norges-bank-deling.png", banner(1200, 630, "#002f5f", "#ffffff"))
    write("www.skatteetaten.no/static/favicon.ico", ico(square_icon(32, "#ffffff", "#1362ae"), 32))
    write("www.skatteetaten.no/static/apple-touch-icon.png", square_icon(180, "#1362ae", "#ffffff"))
    write("www.skatteetaten.no/static/skatteetaten-deling.png", banner(1200, 630, "#1362ae", "#ffffff"))
    write("www.vegvesen.no/_/asset/no.vegvesen.web:1730000000/favicon/favicon.ico", ico(square_icon(32, "#ffffff", "#444f55"), 32))
    write("www.vegvesen.no/_/asset/no.vegvesen.web:1730000000/favicon/android-chrome-192x192.png", square_icon(192, "#444f55", "#ed9300"))
    write("www.kartverket.no/themes/custom/kartverket/favicon.ico", ico(square_icon(32, "#ffffff", "#156630"), 32))
    write("www.ssb.no/_next/static/media/favicon.ico", ico(square_icon(32, "#ffffff", "#274247"), 32))
    write("www.helsedirektoratet.no/static/img/favicon.ico", ico(square_icon(32, "#ffffff", "#025169"), 32))
    write("www.helsedirektoratet.no/static/img/apple-touch-icon.png", square_icon(180, "#025169", "#ffffff"))
    write("www.helsedirektoratet.no/static/img/helsedirektoratet-logo-header.png", wordmark(240, 56, "#ffffff", "#025169"))
    write("www.udir.no/Content/img/favicon.ico", ico(square_icon(32, "#ffffff", "#303030"), 32))
    write("www.lanekassen.no/globalassets/favicon/favicon-32.png", square_icon(32, "#ffffff", "#00205b"))
    write("www.dsb.no/media/favicon/favicon.ico", ico(square_icon(32, "#ffffff", "#003c69"), 32))
    write("www.miljodirektoratet.no/Content/img/favicon.ico", ico(square_icon(32, "#ffffff", "#005e5d"), 32))


if __name__ == "__main__":
    main()
    corpus()
