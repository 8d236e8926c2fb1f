#!/usr/bin/env python3
"""fill.py PO JSON: sets the msgstr of messages that are untranslated or
fuzzy from a JSON object {msgid: msgstr}, and drops their fuzzy flag (a
maintenance helper for po/zh_CN.po; plural messages are left alone)."""
import json
import sys


def unquote(lines):
    return "".join(json.loads(l[l.index('"'):]) for l in lines)


def quote(s):
    return json.dumps(s, ensure_ascii=False)


po, table = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
text = open(po, encoding="utf-8").read().split("\n")
out, i = [], 0
while i < len(text):
    line = text[i]
    if line.startswith("msgid ") and not line.startswith("msgid_plural"):
        ids = [line]
        i += 1
        while i < len(text) and text[i].startswith('"'):
            ids.append(text[i])
            i += 1
        msgid = unquote(ids)
        # the comment lines of this entry are the last lines of out
        k = len(out)
        while k > 0 and out[k - 1].startswith("#"):
            k -= 1
        fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in out[k:])
        if i < len(text) and text[i].startswith("msgstr "):
            strs = [text[i]]
            j = i + 1
            while j < len(text) and text[j].startswith('"'):
                strs.append(text[j])
                j += 1
            if (unquote(strs) == "" or fuzzy) and msgid in table:
                kept = []
                for l in out[k:]:
                    if l.startswith("#|"):
                        continue  # the previous msgid of a fuzzy match
                    if l.startswith("#,"):
                        flags = [f.strip() for f in l[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                        if not flags:
                            continue
                        l = "#, " + ", ".join(flags)
                    kept.append(l)
                out[k:] = kept
                out.extend(ids)
                out.append("msgstr " + quote(table[msgid]))
            else:
                out.extend(ids)
                out.extend(strs)
            i = j
        else:
            out.extend(ids)
        continue
    out.append(line)
    i += 1
open(po, "w", encoding="utf-8").write("\n".join(out))
