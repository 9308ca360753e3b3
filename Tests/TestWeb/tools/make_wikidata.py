#!/usr/bin/env python3
"""Writes the Wikidata double's fixtures: wikidata/entities/Q*.json (wbgetentities responses)
and wikidata/search/haswbstatement-P2333=<orgnr>.json (list=search responses).

Shapes copy the real API (action=wbgetentities&props=claims|labels, action=query&list=search);
the items are AUTHORED: the Q-ids are fictional (Q9999000xx, far above real ids), the claims
name authored Commons files (wikidata/commons/), nothing was fetched from Wikidata.
Deterministic (hashes are derived from the content):

    python3 Tests/TestWeb/tools/make_wikidata.py
"""
import hashlib
import json
import os
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "wikidata")


def h(*parts):
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


def snak(prop, datatype, value, vtype="string"):
    return {"snaktype": "value", "property": prop, "hash": h(prop, json.dumps(value, ensure_ascii=False)),
            "datavalue": {"value": value, "type": vtype}, "datatype": datatype}


def statement(qid, prop, datatype, value, rank="normal", end=None, vtype="string"):
    st = {"mainsnak": snak(prop, datatype, value, vtype), "type": "statement",
          "id": f"{qid}${str(uuid.uuid5(uuid.NAMESPACE_URL, qid + prop + json.dumps(value, ensure_ascii=False))).upper()}",
          "rank": rank}
    if end:
        st["qualifiers"] = {"P582": [snak("P582", "time", {
            "time": f"+{end}T00:00:00Z", "timezone": 0, "before": 0, "after": 0, "precision": 11,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "time")]}
        st["qualifiers-order"] = ["P582"]
    return st


def item(qid, label, orgnr, website, logos=(), arms=(), flags=(), email=None, phone=None, pageid=0):
    claims = {"P2333": [statement(qid, "P2333", "external-id", orgnr)]}
    if website:
        claims["P856"] = [statement(qid, "P856", "url", website)]
    if logos:
        claims["P154"] = [statement(qid, "P154", "commonsMedia", *l) if isinstance(l, tuple) else
                          statement(qid, "P154", "commonsMedia", l) for l in logos]
    if arms:
        claims["P94"] = [statement(qid, "P94", "commonsMedia", a) for a in arms]
    if flags:
        claims["P41"] = [statement(qid, "P41", "commonsMedia", f) for f in flags]
    if email:
        claims["P968"] = [statement(qid, "P968", "url", email)]
    if phone:
        claims["P1329"] = [statement(qid, "P1329", "string", phone)]
    entity = {"pageid": pageid, "ns": 0, "title": qid, "lastrevid": 2200000000 + pageid % 1000,
              "modified": "2026-06-01T12:00:00Z", "type": "item", "id": qid,
              "labels": {"nb": {"language": "nb", "value": label}},
              "claims": claims}
    return {"entities": {qid: entity}, "success": 1}


def search(qid, pageid):
    return {"batchcomplete": "", "query": {"searchinfo": {"totalhits": 1}, "search": [
        {"ns": 0, "title": qid, "pageid": pageid, "size": 48213, "wordcount": 0,
         "snippet": "", "timestamp": "2026-06-01T12:00:00Z"}]}}


ITEMS = [
    # (qid, pageid, label, orgnr, P856, kwargs)
    ("Q999900001", 999000001, "Trondheim kommune", "942110464", "https://www.trondheim.kommune.no/",
     {"arms": ["Trondheim komm.svg"], "flags": ["Flag of Trondheim.svg"]}),
    ("Q999900002", 999000002, "Sauda kommune", "964979812", "https://www.sauda.kommune.no/",
     {"arms": ["Sauda komm.svg"]}),
    ("Q999900003", 999000003, "Nordland fylkeskommune", "964982953", "https://www.nfk.no/",
     {"logos": [("Nordland fylkeskommune logo 2005.svg", "normal", "2019-12-31"),
                ("Nordland fylkeskommune logo.svg", "preferred")],
      "arms": ["Nordland våpen.svg"]}),
    ("Q999900004", 999000004, "Trøndelag fylkeskommune", "817920632", "https://www.trondelagfylke.no/",
     {"logos": ["Trøndelag fylkeskommune logo.svg"], "arms": ["Trøndelag våpen.svg"]}),
    ("Q999900005", 999000005, "Bærum kommune", "935478715", "https://www.bærum.kommune.no/",
     {"arms": ["Bærum komm.svg"]}),
    ("Q999900006", 999000006, "Småvik kommune", "999990045", "http://www.smaavik.test/",
     {"email": "mailto:post@smaavik.test"}),
]


def write(rel, obj):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    for qid, pageid, label, orgnr, site, kw in ITEMS:
        write(f"entities/{qid}.json", item(qid, label, orgnr, site, pageid=pageid, **kw))
        write(f"search/haswbstatement-P2333={orgnr}.json", search(qid, pageid))


if __name__ == "__main__":
    main()
