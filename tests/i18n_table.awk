# i18n_table.awk: checks that a text table lines up in display columns.
# Input: lines already through i18n_columns (one byte per terminal column).
#   -v head=REGEX    the header line (the first line that matches)
#   -v labels="NAME:A ..."  the header's labels in order; A is L (left-aligned
#                    cells start where the label starts), R (right-aligned
#                    cells end where the label ends) or T (a tree: cells
#                    start there, indented by spaces); _ stands for a space
#   -v rows=REGEX    optional: only the lines that match are rows (default:
#                    every line up to the first blank one)
# Prints what is wrong and exits 1; exits 1 too when there is no row.
function fail(msg) { print msg; bad = 1 }
# a cell beyond the end of a line is blank
function ch(i) { if (i < 1) return " "; c = substr($0, i, 1); return c == "" ? " " : c }
function blank(a, b) { for (; a <= b; a++) if (ch(a) != " ") return 0; return 1 }
!inside && $0 ~ head {
	inside = 1
	n = split(labels, L, " ")
	for (k = 1; k <= n; k++) {
		name = substr(L[k], 1, length(L[k]) - 2)
		al[k] = substr(L[k], length(L[k]))
		gsub("_", " ", name)
		# the label as a whole word, after the previous one
		from = k > 1 ? e[k - 1] + 1 : 1
		rest = substr($0, from)
		p = 0
		while ((q = index(substr(rest, p + 1), name)) > 0) {
			p += q
			if (ch(p + from - 2) == " " && ch(p + from - 1 + length(name)) == " ")
				break
		}
		if (q == 0) { fail("label " name " not found in: " $0); exit 1 }
		s[k] = p + from - 1
		e[k] = s[k] + length(name) - 1
		lab[k] = name
	}
	next
}
inside && rows == "" && /^ *$/ { exit }
inside && rows != "" && $0 !~ rows { exit }
inside {
	nrows++
	for (k = 1; k <= n; k++) {
		if (blank(s[k], e[k]) && ch(e[k] + 1) == " " && ch(s[k] - 1) == " ")
			continue # an empty cell
		if (al[k] == "R" && (ch(e[k]) == " " || ch(e[k] + 1) != " "))
			fail("column " lab[k] " does not end at column " e[k] ": " $0)
		if (al[k] == "L" && (ch(s[k]) == " " || ch(s[k] - 1) != " "))
			fail("column " lab[k] " does not start at column " s[k] ": " $0)
		if (al[k] == "T" && ch(s[k] - 1) != " ")
			fail("column " lab[k] " does not start at column " s[k] ": " $0)
	}
}
END {
	if (!inside) fail("no header /" head "/")
	else if (!nrows) fail("no rows under the header /" head "/")
	exit bad
}
