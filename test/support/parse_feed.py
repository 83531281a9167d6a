# Reads a feed on stdin with Python's feedparser (the parser behind many feed readers)
# and prints what it understood as JSON, including whether the XML was well-formed.
import json
import sys
import time

import feedparser

parsed = feedparser.parse(sys.stdin.buffer.read())


def iso(struct):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


print(json.dumps({
    "bozo": bool(parsed.bozo),
    "bozo_exception": str(parsed.get("bozo_exception", "")),
    "version": parsed.version,
    "title": parsed.feed.get("title"),
    "links": [dict(link) for link in parsed.feed.get("links", [])],
    # The feed's own images and polling hints (RSS <image>, Atom <icon>/<logo>, <ttl>, sy:).
    "image": {k: parsed.feed.image.get(k) for k in ("href", "title", "link", "width", "height")} if "image" in parsed.feed else None,
    "icon": parsed.feed.get("icon"),
    "logo": parsed.feed.get("logo"),
    "ttl": parsed.feed.get("ttl"),
    "sy_updateperiod": parsed.feed.get("sy_updateperiod"),
    "sy_updatefrequency": parsed.feed.get("sy_updatefrequency"),
    "entries": [
        {
            "id": e.get("id"),
            "guidislink": e.get("guidislink"),
            "link": e.get("link"),
            "title": e.get("title"),
            "published": iso(e.get("published_parsed")),
            "updated": iso(e.get("updated_parsed")),
            "authors": [a.get("name") for a in e.get("authors", [])],
            "tags": [t.get("term") for t in e.get("tags", [])],
            "summary": e.get("summary"),
            "content": [c.get("value") for c in e.get("content", [])],
        }
        for e in parsed.entries
    ],
}))
