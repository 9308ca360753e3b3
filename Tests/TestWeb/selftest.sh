#!/usr/bin/env bash
# Self-test for the orgprofile test web: starts testweb.py, runs curl checks against
# 127.0.0.1 only (every request uses --connect-to, so no DNS lookup ever happens),
# checks stdin-EOF shutdown, and exits non-zero on any failure.
#
#   bash Tests/TestWeb/selftest.sh            # quiet, prints failures and a summary
#   VERBOSE=1 bash Tests/TestWeb/selftest.sh  # also prints every passing check
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
LOG="$WORK/requests.log"
FAILS=0
PASSES=0

cleanup() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSES=$((PASSES + 1)); [[ -n "${VERBOSE:-}" ]] && echo "ok   $*"; return 0; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL $*"; return 0; }

# Start the server as a coprocess: we hold its stdin (to test EOF shutdown) and read its stdout.
coproc TW { exec python3 "$HERE/testweb.py" --log "$LOG" 2>"$WORK/stderr"; }
SERVER_PID=$TW_PID
if ! read -r -t 20 LINE <&"${TW[0]}"; then
  echo "FAIL server did not print its JSON line"; cat "$WORK/stderr"; exit 1
fi
jget() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$LINE" "$1"; }
HTTP=$(jget http_port); HTTPS=$(jget https_port); CA=$(jget ca_file)
[[ -f "$CA" ]] && pass "ca_file exists" || fail "ca_file $CA missing"
python3 - "$LINE" <<'EOF' && pass "JSON line has the documented keys" || fail "JSON line shape: $LINE"
import json, sys
d = json.loads(sys.argv[1])
assert set(d) == {"http_port", "https_port", "ca_file", "hosts"}, d
assert "data.brreg.no" in d["hosts"] and "faults.test" in d["hosts"] and "www.digdir.no" in d["hosts"]
assert {"www.wikidata.org", "commons.wikimedia.org", "upload.wikimedia.org"} <= set(d["hosts"])
EOF

CURL=(curl -s --max-time 20 --connect-to "::127.0.0.1:$HTTPS" --cacert "$CA")
CURL_HTTP=(curl -s --max-time 20 --connect-to "::127.0.0.1:$HTTP")
# The two --connect-to forms differ only by port so that scheme decides the listener.
fetch() { # fetch URL [curl args...] -> prints "status|content_type|redirect_url"
  local url=$1; shift
  local -a c
  if [[ $url == https://* ]]; then c=("${CURL[@]}"); else c=("${CURL_HTTP[@]}"); fi
  "${c[@]}" -o "$WORK/body" -w '%{http_code}|%{content_type}|%{redirect_url}' "$@" "$url"
}
expect() { # expect NAME ACTUAL WANTED
  if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1: got [$2] want [$3]"; fi
}
status_of() { fetch "$@" | cut -d'|' -f1; }

# ---- vhosts, TLS
expect "digdir https 200" "$(status_of https://www.digdir.no/)" 200
expect "digdir http 200" "$(status_of http://www.digdir.no/)" 200

# ---- validators and 304 (RFC 9110 §13.2.2)
HEAD_LINES=$("${CURL[@]}" -o /dev/null -D - https://www.digdir.no/ | tr -d '\r')
ETAG=$(awk 'tolower($1) == "etag:" { print $2 }' <<<"$HEAD_LINES")
LM=$(awk 'tolower($1) == "last-modified:" { $1 = ""; print substr($0, 2) }' <<<"$HEAD_LINES")
[[ $ETAG == \"*\" && -n $LM ]] && pass "static file has a strong ETag and Last-Modified" || fail "validators: [$ETAG] [$LM]"
expect "If-None-Match match -> 304" "$(status_of https://www.digdir.no/ -H "If-None-Match: \"x\", W/$ETAG")" 304
expect "If-None-Match * -> 304" "$(status_of https://www.digdir.no/ -H 'If-None-Match: *')" 304
expect "If-None-Match mismatch wins over If-Modified-Since" "$(status_of https://www.digdir.no/ -H 'If-None-Match: "x"' -H "If-Modified-Since: $LM")" 200
rm -f "$WORK/body"
expect "If-Modified-Since not older -> 304" "$(status_of https://www.digdir.no/ -H "If-Modified-Since: $LM")" 304
[[ ! -s "$WORK/body" ]] && pass "304 has no body" || fail "304 has a body"
expect "If-Modified-Since older -> 200" "$(status_of https://www.digdir.no/ -H 'If-Modified-Since: Mon, 01 Jan 1990 00:00:00 GMT')" 200
expect "a 404 is never 304" "$(status_of https://www.digdir.no/nope -H 'If-None-Match: *')" 404
expect "responses counts the 304s" "$("${CURL[@]}" 'https://faults.test/responses?host=www.digdir.no&path=/' | python3 -c 'import json,sys; print(json.load(sys.stdin).get("304"))')" 3
expect "unknown host 404" "$(status_of https://www.digdir.no.invalid.example/ -k)" 404
grep -q "unknown host" "$WORK/body" && pass "unknown host body" || fail "unknown host body"
curl -s --max-time 10 --connect-to "::127.0.0.1:$HTTPS" --cacert "$CA" -o /dev/null https://wrong-name.test/
expect "wrong-name.test fails verification (curl 60)" "$?" 60
curl -s --max-time 10 --connect-to "::127.0.0.1:$HTTPS" --cacert "$CA" -o /dev/null https://selfsigned.test/
expect "selfsigned.test fails verification (curl 60)" "$?" 60
expect "wrong-name.test works when verification is off" "$(status_of https://wrong-name.test/ -k)" 200
expect "wrong-name.test over plain http" "$(status_of http://wrong-name.test/)" 200

# ---- static site rules
expect "_config.json never served" "$(status_of https://www.brreg.no/_config.json)" 404
expect "path traversal blocked" "$(status_of 'https://www.brreg.no/%2e%2e/%2e%2e/registry/routes.json' --path-as-is)" 404
expect "dir without slash -> 301" "$(fetch https://www.arbeidstilsynet.no/kontakt)" "301|text/plain; charset=utf-8|https://www.arbeidstilsynet.no/kontakt/"
expect "apex -> www (redirect_all)" "$(fetch http://nkom.no/om-nkom/)" "301|text/plain; charset=utf-8|https://www.nkom.no/om-nkom/"
R=$(curl -s --max-time 20 --connect-to ":80:127.0.0.1:$HTTP" --connect-to ":443:127.0.0.1:$HTTPS" --cacert "$CA" -L -o /dev/null -w '%{http_code} %{url_effective}' http://nkom.no/)
expect "apex http -> www https, followed via per-port connect-to" "$R" "200 https://www.nkom.no/"
R=$(curl -s --max-time 20 --resolve "nkom.no:$HTTP:127.0.0.1" --resolve "www.nkom.no:$HTTPS:127.0.0.1" --cacert "$CA" -L -o /dev/null -w '%{http_code} %{url_effective}' "http://nkom.no:$HTTP/")
expect "explicit-port redirects keep the test web's ports" "$R" "200 https://www.nkom.no:$HTTPS/"
expect "https_only" "$(fetch http://www.nkom.no/)" "301|text/plain; charset=utf-8|https://www.nkom.no/"
expect "svg content type" "$(fetch https://www.sodir.no/icons/sodir.svg | cut -d'|' -f1,2)" "200|image/svg+xml"
expect "latin-1 header charset" "$(fetch https://www.ssikt.no/ | cut -d'|' -f2)" "text/html; charset=iso-8859-1"
expect "meta-only charset page" "$(fetch https://www.ssikt.no/kontakt/ | cut -d'|' -f2)" "text/html"
expect "wrong content type on purpose" "$(fetch https://www.brreg.no/handlers/bv.ashx/i3f2a9c1e/brreg-logo.svg | cut -d'|' -f2)" "application/octet-stream"
ENC=$("${CURL[@]}" -o /dev/null -H 'Accept-Encoding: gzip' -w '%header{content-encoding}' https://www.nav.no/)
expect "gzip when allowed" "$ENC" gzip
ENC=$("${CURL[@]}" -o /dev/null -w '%header{content-encoding}' https://www.nav.no/)
expect "no gzip when not asked" "$ENC" ""
"${CURL[@]}" -o /dev/null https://www.nedetid.test/
expect "reset_all host resets (curl 56)" "$?" 56

# ---- every sample's expectations are backed by served content
python3 - "$HERE/samples.json" > "$WORK/samples.tsv" <<'EOF'
import json, sys
for s in json.load(open(sys.argv[1], encoding="utf-8")):
    logo = s["logo"]
    print("\t".join([s["orgnr"], s["website"] or "-", logo["sourceURL"] or "-",
                     logo["foundBy"] or "-", s["email"] or "-"]))
EOF
while IFS=$'\t' read -r ORGNR SITE LOGO FOUNDBY EMAIL; do
  REG=$(status_of "https://data.brreg.no/enhetsregisteret/api/enheter/$ORGNR")
  expect "sample $ORGNR: register record" "$REG" 200
  grep -q '"organisasjonsnummer"' "$WORK/body" || fail "sample $ORGNR: register body"
  [[ $SITE == - ]] && continue
  if [[ $SITE == *nedetid.test* ]]; then continue; fi
  expect "sample $ORGNR: website $SITE" "$(status_of "$SITE")" 200
  if [[ $LOGO != - ]]; then
    R=$(status_of "$LOGO" --compressed)
    expect "sample $ORGNR: logo $LOGO" "$R" 200
    grep -q '<svg' "$WORK/body" && pass "sample $ORGNR: logo is svg" || fail "sample $ORGNR: no <svg in $LOGO"
  fi
  if [[ $EMAIL != - ]]; then
    FOUND=no
    for P in "$SITE" "${SITE%/}/kontakt/"; do
      "${CURL[@]}" --compressed -o "$WORK/page" "$P"
      grep -q -- "$EMAIL" "$WORK/page" && FOUND=yes
    done
    "${CURL[@]}" -o "$WORK/page" "https://data.brreg.no/enhetsregisteret/api/enheter/$ORGNR"
    grep -q -- "$EMAIL" "$WORK/page" && FOUND=yes
    expect "sample $ORGNR: email $EMAIL is published" "$FOUND" yes
  fi
done < "$WORK/samples.tsv"

# ---- samples.json agrees with the register records and the site tree
python3 - "$HERE" <<'EOF2' && pass "samples.json consistent with registry/ and sites/" || fail "samples.json inconsistent"
import json, os, sys, urllib.parse
root = sys.argv[1]
routes = json.load(open(os.path.join(root, "registry/routes.json"), encoding="utf-8"))
samples = json.load(open(os.path.join(root, "samples.json"), encoding="utf-8"))
keys = {"orgnr", "registeredName", "displayName", "website", "logo", "email", "phone", "expectProblems", "exercises"}
by = {"header-home-link", "inline-svg", "json-ld", "icon-link", "mask-icon", "favicon-svg", None}
def mod11(n):
    r = sum(int(a) * w for a, w in zip(n[:8], [3, 2, 7, 6, 5, 4, 3, 2])) % 11
    return r != 1 and int(n[8]) == (0 if r == 0 else 11 - r)
errors = []
assert len(samples) >= 11
for s in samples:
    nr = s["orgnr"]
    if set(s) != keys: errors.append(f"{nr}: keys {sorted(set(s) ^ keys)}")
    if not mod11(nr): errors.append(f"{nr}: fails mod-11")
    route = routes.get(f"enheter/{nr}")
    if not route: errors.append(f"{nr}: no route"); continue
    rec = json.load(open(os.path.join(root, "registry", route["file"]), encoding="utf-8"))
    if rec["navn"] != s["registeredName"]: errors.append(f"{nr}: navn {rec['navn']!r}")
    if s["displayName"].upper() != s["registeredName"] and nr != "974760673":
        errors.append(f"{nr}: displayName is not a re-casing of the legal name")
    if (rec.get("hjemmeside") is None) != (s["website"] is None): errors.append(f"{nr}: website vs hjemmeside")
    if s["logo"]["foundBy"] not in by: errors.append(f"{nr}: foundBy")
    if (s["logo"]["foundBy"] is None) != (s["logo"]["sourceURL"] is None): errors.append(f"{nr}: logo null mismatch")
    if s["logo"]["sourceURL"] is None and s["website"] and "logo.none-found" not in s["expectProblems"] \
            and "site.unreachable" not in s["expectProblems"]:
        errors.append(f"{nr}: null logo without logo.none-found")
    url = s["logo"]["sourceURL"]
    if url and s["logo"]["foundBy"] != "inline-svg":
        u = urllib.parse.urlsplit(url)
        path = os.path.join(root, "sites", u.hostname, u.path.lstrip("/"))
        if not os.path.isfile(path): errors.append(f"{nr}: logo file missing {path}")
    p = s["phone"]
    if p:
        n = p["e164"][3:]
        want = f"{n[:3]} {n[3:5]} {n[5:]}" if n[0] in "489" else f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"
        if not (p["e164"].startswith("+47") and len(n) == 8 and p["display"] == want):
            errors.append(f"{nr}: phone {p}")
print("\n".join(errors), file=sys.stderr)
sys.exit(1 if errors else 0)
EOF2

# ---- the labelled corpus (corpus.json): every entry is backed by served content
python3 - "$HERE/corpus.json" > "$WORK/corpus.tsv" <<'EOF'
import json, sys
for s in json.load(open(sys.argv[1], encoding="utf-8")):
    logo = s["logo"]
    print("\t".join([s["orgnr"], s["website"] or "-", logo["sourceURL"] or "-", logo["foundBy"] or "-",
                     ",".join(s["expectProblems"]) or "-"]))
EOF
CURL_L=(curl -s --max-time 20 --connect-to ":80:127.0.0.1:$HTTP" --connect-to ":443:127.0.0.1:$HTTPS" --cacert "$CA" -L --max-redirs 5 --compressed)
while IFS=$'\t' read -r ORGNR SITE LOGO FOUNDBY PROBLEMS; do
  expect "corpus $ORGNR: register record" "$(status_of "https://data.brreg.no/enhetsregisteret/api/enheter/$ORGNR")" 200
  [[ $SITE == - ]] && continue
  WANT=200; [[ $PROBLEMS == *site.blocked* ]] && WANT=403
  R=$("${CURL_L[@]}" -o "$WORK/page" -w '%{http_code} %{url_effective}' "$SITE")
  expect "corpus $ORGNR: website $SITE" "$R" "$WANT $SITE"
  if [[ $LOGO != - && $FOUNDBY != inline-svg ]]; then
    R=$("${CURL_L[@]}" -o "$WORK/logo" -w '%{http_code}' "${LOGO%%#*}")
    expect "corpus $ORGNR: logo $LOGO" "$R" 200
    grep -q '<svg' "$WORK/logo" && pass "corpus $ORGNR: logo is svg" || fail "corpus $ORGNR: no <svg in $LOGO"
    if [[ $LOGO == *#* ]]; then
      grep -q "id=\"${LOGO##*#}\"" "$WORK/logo" && pass "corpus $ORGNR: fragment target exists" || fail "corpus $ORGNR: no id ${LOGO##*#} in $LOGO"
    fi
  fi
done < "$WORK/corpus.tsv"
R=$("${CURL[@]}" -o /dev/null -w '%{http_code}|%header{cf-mitigated}|%header{server}' https://www.trondelagfylke.no/any/path)
expect "bot wall: 403 challenge from cloudflare on every path" "$R" "403|challenge|cloudflare"

python3 - "$HERE" <<'EOF2' && pass "corpus.json consistent with registry/, sites/ and wikidata/" || fail "corpus.json inconsistent"
import json, os, re, sys, unicodedata, urllib.parse
root = sys.argv[1]
routes = json.load(open(os.path.join(root, "registry/routes.json"), encoding="utf-8"))
samples = json.load(open(os.path.join(root, "samples.json"), encoding="utf-8"))
corpus = json.load(open(os.path.join(root, "corpus.json"), encoding="utf-8"))
keys = {"orgnr", "registeredName", "displayName", "website", "logo", "email", "phone", "expectProblems", "exercises"}
by = {"header-home-link", "inline-svg", "json-ld", "itemprop-logo", "og-logo", "icon-link", "mask-icon",
      "favicon-svg", "logo-image", "wikidata", None}
FILEPATH = "https://commons.wikimedia.org/wiki/Special:FilePath/"
def mod11(n):
    r = sum(int(a) * w for a, w in zip(n[:8], [3, 2, 7, 6, 5, 4, 3, 2])) % 11
    return r != 1 and int(n[8]) == (0 if r == 0 else 11 - r)
def search_hit(nr):
    p = os.path.join(root, "wikidata/search", f"haswbstatement-P2333={nr}.json")
    if not os.path.isfile(p): return None
    hits = json.load(open(p, encoding="utf-8"))["query"]["search"]
    return hits[0]["title"] if hits else None
def commons_claims(qid, prop):
    ent = json.load(open(os.path.join(root, "wikidata/entities", f"{qid}.json"), encoding="utf-8"))["entities"][qid]
    sts = [s for s in ent.get("claims", {}).get(prop, []) if "P582" not in s.get("qualifiers", {})]
    sts.sort(key=lambda s: s["rank"] != "preferred")
    return [s["mainsnak"]["datavalue"]["value"] for s in sts]
errors = []
if len(corpus) + len(samples) < 40: errors.append(f"only {len(corpus) + len(samples)} sites")
seen = {s["orgnr"] for s in samples}
commons = {unicodedata.normalize("NFC", n) for n in os.listdir(os.path.join(root, "wikidata/commons"))}
wikidata_logos = 0
no_logo_anywhere = 0
for s in corpus:
    nr = s["orgnr"]
    if nr in seen: errors.append(f"{nr}: duplicate orgnr")
    seen.add(nr)
    if set(s) != keys: errors.append(f"{nr}: keys {sorted(set(s) ^ keys)}")
    if not mod11(nr): errors.append(f"{nr}: fails mod-11")
    route = routes.get(f"enheter/{nr}")
    if not route: errors.append(f"{nr}: no route"); continue
    rec = json.load(open(os.path.join(root, "registry", route["file"]), encoding="utf-8"))
    if rec["navn"] != s["registeredName"]: errors.append(f"{nr}: navn {rec['navn']!r}")
    if s["displayName"].upper() != s["registeredName"]: errors.append(f"{nr}: displayName is not a re-casing of the legal name")
    if (rec.get("hjemmeside") is None) != (s["website"] is None): errors.append(f"{nr}: website vs hjemmeside")
    fb, url = s["logo"]["foundBy"], s["logo"]["sourceURL"]
    if fb not in by: errors.append(f"{nr}: foundBy {fb}")
    if (fb is None) != (url is None): errors.append(f"{nr}: logo null mismatch")
    if url is None and not {"logo.none-found", "site.unreachable", "site.script-only", "site.blocked"} & set(s["expectProblems"]):
        errors.append(f"{nr}: null logo without a problem that explains it")
    qid = search_hit(nr)
    if url is None and (not qid or not (commons_claims(qid, "P154") or commons_claims(qid, "P94"))):
        no_logo_anywhere += 1
    if fb == "wikidata":
        wikidata_logos += 1
        if not url.startswith(FILEPATH): errors.append(f"{nr}: wikidata logo is not a Special:FilePath URL")
        name = urllib.parse.unquote(url[len(FILEPATH):]).replace("_", " ")
        if name not in commons: errors.append(f"{nr}: {name!r} not in wikidata/commons/")
        if not qid: errors.append(f"{nr}: no Wikidata search hit")
        elif (commons_claims(qid, "P154") or commons_claims(qid, "P94"))[:1] != [name]:
            errors.append(f"{nr}: {name!r} is not the item's first current P154 (else P94)")
    elif url and fb != "inline-svg":
        u = urllib.parse.urlsplit(url)
        path = os.path.join(root, "sites", u.hostname, urllib.parse.unquote(u.path).lstrip("/"))
        if not os.path.isfile(path): errors.append(f"{nr}: logo file missing {path}")
    elif url is None and qid and (commons_claims(qid, "P154") or commons_claims(qid, "P94")):
        errors.append(f"{nr}: no logo expected although Wikidata has one")
    p = s["phone"]
    if p:
        n = p["e164"][3:]
        want = f"{n[:3]} {n[3:5]} {n[5:]}" if n[0] in "489" else f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"
        if not (p["e164"].startswith("+47") and len(n) == 8 and p["display"] == want):
            errors.append(f"{nr}: phone {p}")
    # the labelled email and phone are published: on the site's pages (after undoing the
    # obfuscations the site uses) or in the register record
    host = urllib.parse.urlsplit(s["website"]).hostname if s["website"] else None
    texts = [json.dumps(rec, ensure_ascii=False)]
    for dirpath, _, files in os.walk(os.path.join(root, "sites", host or "-")):
        for f in files:
            if f.endswith(".html") or f.startswith("_") and f.endswith(".html"):
                raw = open(os.path.join(dirpath, f), "rb").read()
                try: t = raw.decode("utf-8")
                except UnicodeDecodeError: t = raw.decode("cp1252")
                for hexs in re.findall(r'data-cfemail="([0-9a-f]+)"', t):
                    k = int(hexs[:2], 16)
                    t += " " + "".join(chr(int(hexs[i:i + 2], 16) ^ k) for i in range(2, len(hexs), 2))
                for o in ("(at)", "[at]", "(krøllalfa)"):
                    t = t.replace(o, "@")
                texts.append(t)
    blob = "\n".join(texts)
    if s["email"] and s["email"] not in blob: errors.append(f"{nr}: email {s['email']} not published")
    if p and p["display"] not in blob and p["e164"] not in blob and p["e164"][3:] not in blob:
        errors.append(f"{nr}: phone {p['display']} not published")
if wikidata_logos < 3: errors.append(f"only {wikidata_logos} Wikidata logos")
if no_logo_anywhere < 1: errors.append("no site without any logo (site or Wikidata)")
print("\n".join(errors), file=sys.stderr)
sys.exit(1 if errors else 0)
EOF2

# ---- Wikidata / Commons double
W="https://www.wikidata.org/w/api.php"
fetch "$W?action=query&list=search&srsearch=haswbstatement:P2333=942110464&format=json" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["query"]["search"][0]["title"]=="Q999900001" and d["query"]["searchinfo"]["totalhits"]==1' "$WORK/body" \
  && pass "wikidata search by P2333" || fail "wikidata search by P2333: $(cat "$WORK/body")"
fetch "$W?action=query&list=search&srsearch=haswbstatement:%22P2333=942110464%22&format=json" >/dev/null
grep -q Q999900001 "$WORK/body" && pass "wikidata search, quoted statement" || fail "wikidata search, quoted statement"
expect "wikidata search content type" "$(fetch "$W?action=query&list=search&srsearch=haswbstatement:P2333=958935420&format=json" | cut -d'|' -f1,2)" "200|application/json; charset=utf-8"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["query"]["search"]==[] and d["query"]["searchinfo"]["totalhits"]==0' "$WORK/body" \
  && pass "wikidata search without hit" || fail "wikidata search without hit"
fetch "$W?action=wbgetentities&ids=Q999900001%7CQ1&props=claims&format=json" >/dev/null
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); e=d["entities"]
assert d["success"]==1 and e["Q1"]=={"id":"Q1","missing":""}, e.get("Q1")
c=e["Q999900001"]["claims"]; assert "labels" not in e["Q999900001"]
assert c["P94"][0]["mainsnak"]["datavalue"]["value"]=="Trondheim komm.svg" and c["P94"][0]["mainsnak"]["datatype"]=="commonsMedia"
assert c["P2333"][0]["mainsnak"]["datavalue"]["value"]=="942110464"' "$WORK/body" \
  && pass "wbgetentities claims (and a missing id)" || fail "wbgetentities: $(head -c 300 "$WORK/body")"
fetch "https://www.wikidata.org/wiki/Special:EntityData/Q999900003.json" >/dev/null
grep -q '"P154"' "$WORK/body" && pass "Special:EntityData" || fail "Special:EntityData"
expect "wikidata http -> https" "$(fetch "http://www.wikidata.org/w/api.php?action=query" | cut -d'|' -f1,3)" "301|https://www.wikidata.org/w/api.php?action=query"
expect "FilePath -> upload.wikimedia.org (md5 path)" "$(fetch "https://commons.wikimedia.org/wiki/Special:FilePath/B%C3%A6rum_komm.svg" | cut -d'|' -f1,3)" "302|https://upload.wikimedia.org/wikipedia/commons/b/bd/B%C3%A6rum_komm.svg"
expect "FilePath with spaces and lower-case first letter" "$(fetch "https://commons.wikimedia.org/wiki/Special:FilePath/b%C3%A6rum%20komm.svg" | cut -d'|' -f1,3)" "302|https://upload.wikimedia.org/wikipedia/commons/b/bd/B%C3%A6rum_komm.svg"
expect "upload serves the svg" "$(fetch "https://upload.wikimedia.org/wikipedia/commons/b/bd/B%C3%A6rum_komm.svg" | cut -d'|' -f1,2)" "200|image/svg+xml"
grep -q '<svg' "$WORK/body" && pass "upload body is svg" || fail "upload body"
expect "upload with a wrong hash path" "$(status_of "https://upload.wikimedia.org/wikipedia/commons/0/00/B%C3%A6rum_komm.svg")" 404
expect "FilePath of an unknown file" "$(status_of "https://commons.wikimedia.org/wiki/Special:FilePath/No_such_file.svg")" 404

# ---- registry
B=https://data.brreg.no/enhetsregisteret/api
expect "enhet content type" "$(fetch $B/enheter/991825827 | cut -d'|' -f1,2)" "200|application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"
expect "underenhet content type" "$(fetch $B/underenheter/973160834 | cut -d'|' -f1,2)" "200|application/vnd.brreg.enhetsregisteret.underenhet.v2+json;charset=UTF-8"
expect "enheter/<underenhet nr> -> 404" "$(status_of $B/enheter/973160834)" 404
[[ ! -s "$WORK/body" ]] && pass "404 body is empty" || fail "404 body not empty"
expect "410 gone" "$(status_of $B/underenheter/433695968)" 410
expect "500 documented error" "$(status_of $B/enheter/999999999)" 500
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert set(d)=={"timestamp","status","error","message","path","trace"}' "$WORK/body" \
  && pass "500 body shape" || fail "500 body shape"
expect "400 for 8 digits" "$(status_of $B/enheter/12345678)" 400
expect "v1 Accept -> 406" "$(status_of $B/enheter/991825827 -H 'Accept: application/vnd.brreg.enhetsregisteret.enhet.v1+json')" 406
expect "v2 Accept -> 200" "$(status_of $B/enheter/991825827 -H 'Accept: application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8')" 200
fetch "$B/enheter?organisasjonsnummer=991825827,958935420,973160834&size=10" >/dev/null
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
nrs=sorted(e["organisasjonsnummer"] for e in d["_embedded"]["enheter"])
assert nrs==["958935420","991825827"], nrs
assert d["page"]=={"size":10,"totalElements":2,"totalPages":1,"number":0}, d["page"]' "$WORK/body" \
  && pass "batch search" || fail "batch search"
fetch "$B/enheter?organisasjonsnummer=973160834" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "_embedded" not in d and d["page"]["totalElements"]==0' "$WORK/body" \
  && pass "empty search has no _embedded" || fail "empty search"
fetch "$B/oppdateringer/enheter?oppdateringsid=9400339" >/dev/null
grep -q oppdaterteEnheter "$WORK/body" && pass "feed page" || fail "feed page"
fetch "$B/oppdateringer/enheter?oppdateringsid=9400373" >/dev/null
grep -q oppdaterteEnheter "$WORK/body" && fail "feed past end not empty" || pass "feed past end empty"

# ---- faults
F=https://faults.test
expect "status route" "$(status_of $F/status/503)" 503
T0=$(date +%s%N); S=$(status_of "$F/slow?ms=400"); T1=$(date +%s%N)
expect "slow" "$S" 200
(( (T1 - T0) >= 400000000 )) && pass "slow waited" || fail "slow did not wait"
"${CURL[@]}" -o /dev/null $F/reset; expect "reset (curl 56)" "$?" 56
"${CURL_HTTP[@]}" -o /dev/null http://faults.test/reset; expect "reset over http (curl 56)" "$?" 56
K="k$RANDOM$RANDOM"
expect "retry-after 1" "$(fetch "$F/retry-after?key=$K&times=2&seconds=7" | cut -d'|' -f1)" 429
RA=$("${CURL[@]}" -o /dev/null -w '%header{retry-after}' "$F/retry-after?key=$K&times=2&seconds=7")
expect "retry-after header" "$RA" 7
expect "retry-after then ok" "$(status_of "$F/retry-after?key=$K&times=2&seconds=7")" 200
grep -q "ok after 2" "$WORK/body" && pass "ok after body" || fail "ok after body"
fetch "$F/hits?key=$K" >/dev/null
grep -q '"hits": 3' "$WORK/body" && pass "hits counter" || fail "hits counter: $(cat "$WORK/body")"
expect "flaky first" "$(status_of "$F/flaky?key=f$K&times=1&status=502")" 502
expect "flaky then ok" "$(status_of "$F/flaky?key=f$K&times=1&status=502")" 200
expect "redirect-chain" "$(status_of "$F/redirect-chain?n=3" -L --max-redirs 5)" 200
"${CURL[@]}" -o /dev/null -L --max-redirs 5 $F/redirect-loop; expect "redirect-loop hits max-redirs (curl 47)" "$?" 47
expect "redirect-private" "$(fetch $F/redirect-private | cut -d'|' -f3)" "http://10.255.255.1:8089/secret"
expect "redirect-link-local" "$(fetch $F/redirect-link-local | cut -d'|' -f3)" "http://169.254.169.254:8089/latest/meta-data/"
expect "redirect-scheme" "$(fetch $F/redirect-scheme | cut -d'|' -f1)" 302
expect "big" "$("${CURL[@]}" -o /dev/null -w '%{size_download}' "$F/big?bytes=123456")" 123456
SZ=$("${CURL[@]}" -o /dev/null --max-time 1 -w '%{size_download}' "$F/drip?bytes=100&interval_ms=50")
(( SZ > 0 && SZ < 100 )) && pass "drip is slow ($SZ bytes in 1 s)" || fail "drip: $SZ bytes in 1 s"
SZ=$("${CURL[@]}" -o /dev/null --max-time 2 -w '%{size_download}' "$F/endless" | head -c 20)
(( SZ > 1000000 )) && pass "endless streams" || fail "endless: $SZ"
R=$("${CURL[@]}" -o "$WORK/bomb" -w '%{http_code}|%{size_download}|%header{content-encoding}' $F/gzip-bomb)
IFS='|' read -r C SZ CE <<<"$R"
expect "gzip-bomb status" "$C" 200; expect "gzip-bomb encoding" "$CE" gzip
(( SZ < 300000 )) && pass "gzip-bomb is small on the wire ($SZ)" || fail "gzip-bomb size $SZ"
fetch $F/echo-headers -A "orgprofile-selftest/1" -H 'Accept: text/html' >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["user-agent"]=="orgprofile-selftest/1" and d["accept"]=="text/html"' "$WORK/body" \
  && pass "echo-headers" || fail "echo-headers"

# ---- the request log has one line per request
grep -q "GET https://www.digdir.no/ 200" "$LOG" && pass "request log" || fail "request log lacks lines"

# ---- shutdown on stdin EOF
eval "exec ${TW[1]}>&-"
for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "server still running after stdin EOF"; else pass "exit on stdin EOF"; fi
[[ -d "$(dirname "$CA")" ]] && fail "temp state dir not removed" || pass "temp state dir removed"

echo "selftest: $PASSES passed, $FAILS failed"
[[ $FAILS -eq 0 ]]
