#!/usr/bin/env python3
"""fill.py PO JSON: sets the msgstr of untranslated messages from a JSON
object {msgid: msgstr} (a maintenance helper for po/zh_CN.po)."""
import json, sys

import re

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
            ids.append(text[i]); i += 1
        out.extend(ids)
        msgid = unquote(ids)
        if i < len(text) and text[i].startswith("msgstr "):
            strs = [text[i]]; j = i + 1
            while j < len(text) and text[j].startswith('"'):
                strs.append(text[j]); j += 1
            if unquote(strs) == "" and msgid in table:
                out.append("msgstr " + quote(table[msgid]))
            else:
                out.extend(strs)
            i = j
        continue
    out.append(line); i += 1
open(po, "w", encoding="utf-8").write("\n".join(out))
