#!/usr/bin/env python3
"""Writes the authored stand-in SVGs of the labelled corpus (corpus.json).

None of these is an organisation's real logo or coat of arms: each is a simple shape plus
text-like bars, drawn for the orgprofile test web so that every corpus site has a logo file
that is clearly its own (distinct colours and marks). Decoys (cookie-banner logos, chat
avatars, partner and social logos, UI icons) are drawn the same way. Deterministic:

    python3 Tests/TestWeb/tools/make_corpus_svgs.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SITES = os.path.join(ROOT, "sites")
COMMONS = os.path.join(ROOT, "wikidata", "commons")

NOTE = "<!-- Authored stand-in for the orgprofile test web; not the organisation's real {what}. -->"


def logo(title, colour, accent, mark="circle", width=240, height=56):
    marks = {
        "circle": f'<circle cx="28" cy="28" r="22" fill="{colour}"/><circle cx="28" cy="28" r="10" fill="{accent}"/>',
        "square": f'<rect x="6" y="6" width="44" height="44" rx="4" fill="{colour}"/><rect x="18" y="18" width="20" height="20" fill="{accent}"/>',
        "wave": f'<rect x="6" y="6" width="44" height="44" rx="22" fill="{colour}"/><path d="M10 32q9-10 18 0t18 0" stroke="{accent}" stroke-width="5" fill="none"/>',
        "tower": f'<path d="M8 50V20l10-8 10 8 10-8 10 8v30z" fill="{colour}"/><rect x="23" y="32" width="10" height="18" fill="{accent}"/>',
        "mountain": f'<path d="M4 50l16-30 10 14 8-10 16 26z" fill="{colour}"/><path d="M20 20l5 9h-10z" fill="{accent}"/>',
        "ship": f'<path d="M6 36h44l-8 12H14z" fill="{colour}"/><path d="M27 6v28H12z" fill="{accent}"/>',
        "leaf": f'<path d="M10 48C10 20 30 8 50 8c0 28-18 40-40 40z" fill="{colour}"/><path d="M14 44L40 16" stroke="{accent}" stroke-width="4"/>',
        "diamond": f'<path d="M28 4l24 24-24 24L4 28z" fill="{colour}"/><path d="M28 16l12 12-12 12-12-12z" fill="{accent}"/>',
    }
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="t">\n'
            f'  <title id="t">{title}</title>\n  {NOTE.format(what="logo")}\n  {marks[mark]}\n'
            f'  <rect x="64" y="{height // 2 - 13}" width="{width - 80}" height="9" rx="2" fill="{colour}"/>\n'
            f'  <rect x="64" y="{height // 2 + 4}" width="{(width - 80) * 2 // 3}" height="9" rx="2" fill="{accent}"/>\n'
            f'</svg>\n')


def coat_of_arms(title, field, charge):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" width="100" height="120">\n'
            f'  <title>{title}</title>\n  {NOTE.format(what="coat of arms")}\n'
            f'  <path d="M5 5h90v55c0 30-20 48-45 56C25 108 5 90 5 60z" fill="{field}" stroke="#000" stroke-width="2"/>\n'
            f'  <path d="M50 22l12 24-12 24-12-24z" fill="{charge}"/>\n'
            f'  <circle cx="50" cy="88" r="8" fill="{charge}"/>\n</svg>\n')


def icon(title, colour, path="M4 4h16v16H4z"):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">'
            f'<title>{title}</title><path d="{path}" fill="{colour}"/></svg>\n')


def illustration(title, colour):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80" width="120" height="80">\n'
            f'  <title>{title}</title>\n  {NOTE.format(what="artwork")}\n'
            f'  <circle cx="40" cy="40" r="30" fill="{colour}"/><circle cx="30" cy="32" r="4" fill="#fff"/>'
            f'<circle cx="50" cy="48" r="5" fill="#fff"/><rect x="78" y="20" width="36" height="40" rx="6" fill="{colour}" opacity=".5"/>\n</svg>\n')


def sprite(symbols):
    body = "\n".join(f'  <symbol id="{sid}" viewBox="{vb}">{content}</symbol>' for sid, vb, content in symbols)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">\n  {NOTE.format(what="icon sprite")}\n{body}\n</svg>\n')


FILES = {
    # --- www.bergen.kommune.no (Enonic XP asset paths)
    "www.bergen.kommune.no/_/asset/no.bergen.kommune.web:1729000000/img/bergen-kommune-logo.svg":
        logo("Bergen kommune", "#0c3b5c", "#d71f26", "tower"),
    "www.bergen.kommune.no/_/asset/no.bergen.kommune.web:1729000000/img/kari-avatar.svg":
        illustration("Kommune-Kari", "#7b2f8e"),
    "www.bergen.kommune.no/_/asset/no.bergen.kommune.web:1729000000/img/cookieinformation-logo.svg":
        logo("Cookie Information", "#1f1f1f", "#4dbd74", "square", 160, 40),
    # --- www.stavanger.kommune.no (Sitecore media library)
    "www.stavanger.kommune.no/-/media/felles/logo/stavanger-kommune-logo.svg":
        logo("Stavanger kommune", "#00457c", "#f3b31b", "diamond"),
    "www.stavanger.kommune.no/-/media/felles/partnere/kommunal-og-distriktsdepartementet.svg":
        logo("Kommunal- og distriktsdepartementet", "#000000", "#8a8a8a", "square", 260, 60),
    "www.stavanger.kommune.no/-/media/felles/partnere/nyskaping-rogaland.svg":
        logo("Nyskaping Rogaland", "#2b7a3d", "#a4d07e", "leaf", 200, 50),
    # --- www.xn--brum-voa.kommune.no (Bærum, Optimizely)
    "www.xn--brum-voa.kommune.no/globalassets/grafikk/baerum-kommune-logo.svg":
        logo("Bærum kommune", "#004b87", "#ffd400", "wave"),
    # --- www.vestlandfylke.no (lazy-loaded header logo)
    "www.vestlandfylke.no/static/img/vestland-fylkeskommune-logo.svg":
        logo("Vestland fylkeskommune", "#00394d", "#e35205", "mountain"),
    "www.vestlandfylke.no/static/img/cookiebot-logo.svg":
        logo("Cookiebot", "#1032cf", "#141414", "circle", 140, 36),
    # --- www.kristiansand.kommune.no (Optimizely, <object data>)
    "www.kristiansand.kommune.no/siteassets/felles/logo/kristiansand-kommune-logo.svg":
        logo("Kristiansand kommune", "#002e5f", "#c8102e", "ship"),
    # --- www.tromso.kommune.no (WordPress)
    "www.tromso.kommune.no/wp-content/uploads/2022/03/tromso-kommune-logo.svg":
        logo("Tromsø kommune", "#0a2240", "#3fa9f5", "mountain"),
    "www.tromso.kommune.no/wp-content/themes/tromso/assets/img/nettbyraa-nord.svg":
        logo("Nettbyrået Nord AS", "#333333", "#ff6600", "square", 120, 30),
    # --- www.bodo.kommune.no (CSS background-image)
    "www.bodo.kommune.no/Content/img/bodo-kommune-logo.svg":
        logo("Bodø kommune", "#003d6a", "#f0b323", "ship"),
    # --- www.fredrikstad.kommune.no (icon sprite with the logo as a <symbol>)
    "www.fredrikstad.kommune.no/dist/icons/sprite.svg": sprite([
        ("logo", "0 0 240 56",
         '<title>Fredrikstad kommune</title><path d="M8 50V20l10-8 10 8 10-8 10 8v30z" fill="#1d3c6e"/>'
         '<rect x="23" y="32" width="10" height="18" fill="#e4002b"/>'
         '<rect x="64" y="15" width="160" height="9" rx="2" fill="#1d3c6e"/>'
         '<rect x="64" y="32" width="106" height="9" rx="2" fill="#e4002b"/>'),
        ("icon-search", "0 0 24 24", '<circle cx="10" cy="10" r="7" stroke="#000" stroke-width="2" fill="none"/><path d="M15 15l7 7" stroke="#000" stroke-width="2"/>'),
        ("icon-menu", "0 0 24 24", '<path d="M3 6h18M3 12h18M3 18h18" stroke="#000" stroke-width="2"/>'),
        ("icon-facebook", "0 0 24 24", '<path d="M14 8h3V4h-3a4 4 0 0 0-4 4v2H8v4h2v8h4v-8h3l1-4h-4V8z" fill="#000"/>'),
    ]),
    # --- www.sandnes.kommune.no (srcset, protocol-relative)
    "www.sandnes.kommune.no/static/gfx/sandnes-kommune-logo.svg":
        logo("Sandnes kommune", "#005f8c", "#8dc63f", "leaf"),
    # --- www.rogfk.no (JSON-LD logo as a plain string)
    "www.rogfk.no/contentassets/profil/rogaland-fylkeskommune-logo.svg":
        logo("Rogaland fylkeskommune", "#003e6b", "#00a3e0", "wave"),
    # --- elhub.no (Next.js); decoy: the parent company's logo in the footer
    "elhub.no/_next/static/media/statnett-logo.0c9d2e4f.svg": logo("Statnett", "#00205b", "#6cace4", "wave", 180, 44),
    # --- www.fjellinjen.no: payment/partner strip decoys
    "www.fjellinjen.no/assets/partners/autopass-logo.svg": logo("AutoPASS", "#ffcc00", "#1a1a1a", "square", 140, 40),
    "www.fjellinjen.no/assets/partners/vipps-logo.svg": logo("Vipps", "#ff5b24", "#ffffff", "circle", 120, 40),
    # --- avfallsor.no: cookie banner logo decoy
    "avfallsor.no/wp-content/plugins/cookie-law-info/lite/frontend/images/poweredbtcky.svg": logo("CookieYes", "#1863dc", "#ffffff", "circle", 120, 30),
    # --- www.skatteetaten.no
    "www.skatteetaten.no/static/skatteetaten-logo.6a1d.svg": logo("Skatteetaten", "#1362ae", "#0d3c6b", "square"),
    # --- www.vegvesen.no (Enonic)
    "www.vegvesen.no/_/asset/no.vegvesen.web:1730000000/img/statens-vegvesen-logo.svg": logo("Statens vegvesen", "#444f55", "#ed9300", "diamond"),
    # --- www.kartverket.no (Drupal); decoys in the footer partner strip
    "www.kartverket.no/themes/custom/kartverket/logo.svg": logo("Kartverket", "#156630", "#3c8d2f", "mountain"),
    "www.kartverket.no/themes/custom/kartverket/images/mask-icon.svg": icon("Kartverket", "#000000", "M2 22L10 6l5 9 3-5 4 12z"),
    "www.kartverket.no/sites/default/files/partnere/norge-digitalt-logo.svg": logo("Norge digitalt", "#005a9c", "#8cc63f", "circle", 200, 50),
    "www.kartverket.no/sites/default/files/partnere/kdd-logo.svg": logo("Kommunal- og distriktsdepartementet", "#000000", "#8a8a8a", "square", 260, 60),
    # --- www.ssb.no
    "www.ssb.no/_next/static/media/ssb-logo.8d3f2a1b.svg": logo("Statistisk sentralbyrå", "#274247", "#1a9d49", "square"),
    # --- www.helsedirektoratet.no (microdata logo only)
    "www.helsedirektoratet.no/static/img/helsedirektoratet-logo.svg": logo("Helsedirektoratet", "#025169", "#5ab38e", "leaf"),
    # --- www.udir.no (<base href>)
    "www.udir.no/Content/img/udir-logo.svg": logo("Utdanningsdirektoratet", "#303030", "#e00034", "tower"),
    # --- www.lanekassen.no (<picture> with a dark-mode variant)
    "www.lanekassen.no/globalassets/logo/lanekassen-logo.svg": logo("Lånekassen", "#00205b", "#00a9e0", "wave"),
    "www.lanekassen.no/globalassets/logo/lanekassen-logo-dark.svg": logo("Lånekassen", "#ffffff", "#00a9e0", "wave"),
    # --- www.dsb.no: header <svg><image href=...svg>; a stale JSON-LD logo
    "www.dsb.no/media/logo/dsb-logo.svg": logo("Direktoratet for samfunnssikkerhet og beredskap", "#003c69", "#e2001a", "diamond"),
    "www.dsb.no/media/logo/dsb-logo-2016.svg": logo("DSB (old logo)", "#7a7a7a", "#b0b0b0", "diamond"),
    # --- www.miljodirektoratet.no: header logo without a link; ministry logo in the footer
    "www.miljodirektoratet.no/Content/img/miljodirektoratet-logo.svg": logo("Miljødirektoratet", "#005e5d", "#8dc63f", "leaf"),
    "www.miljodirektoratet.no/Content/img/kld-logo.svg": logo("Klima- og miljødepartementet", "#000000", "#8a8a8a", "square", 260, 60),
    # --- www.soknadsnemnda.test (script-only app: referenced only from the JS bundle)
    "www.soknadsnemnda.test/static/media/soknadsnemnda-logo.5a8e3f1c.svg":
        logo("Søknadsnemnda", "#1b3a5c", "#7fb3d5", "square"),
    # --- Wikimedia Commons double (wikidata/commons/): authored stand-ins under Commons-style names
    "commons:Trondheim komm.svg": coat_of_arms("Trondheim kommunevåpen (stand-in)", "#c8102e", "#f2c500"),
    "commons:Flag of Trondheim.svg": illustration("Flagg (stand-in)", "#c8102e"),
    "commons:Sauda komm.svg": coat_of_arms("Sauda kommunevåpen (stand-in)", "#1f5aa6", "#ffffff"),
    "commons:Nordland fylkeskommune logo 2005.svg": logo("Nordland fylkeskommune (old logo)", "#666666", "#999999", "circle"),
    "commons:Nordland fylkeskommune logo.svg": logo("Nordland fylkeskommune", "#004f71", "#f6a800", "mountain"),
    "commons:Nordland våpen.svg": coat_of_arms("Nordland fylkesvåpen (stand-in)", "#000000", "#f6a800"),
    "commons:Trøndelag fylkeskommune logo.svg": logo("Trøndelag fylkeskommune", "#6b1f3a", "#e8b400", "diamond"),
    "commons:Trøndelag våpen.svg": coat_of_arms("Trøndelag fylkesvåpen (stand-in)", "#6b1f3a", "#e8b400"),
    "commons:Bærum komm.svg": coat_of_arms("Bærum kommunevåpen (stand-in)", "#004b87", "#ffd400"),
}


def main():
    for rel, text in FILES.items():
        base = COMMONS if rel.startswith("commons:") else SITES
        path = os.path.join(base, rel.split(":", 1)[1] if rel.startswith("commons:") else rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
