/* svg.c: see svg.h. */
#include "svg.h"

#include <string.h>

#include "text.h"

void svg_begin(FILE *out, double width, double height, const char *title)
{
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n",
		width, height, width, height, SVG_FONTS);
	fputs("<title>", out);
	svg_escape(out, title);
	fputs("</title>\n", out);
	svg_rect(out, 0, 0, width, height, "#ffffff", NULL);
}

void svg_end(FILE *out) { fputs("</svg>\n", out); }

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0 || (n == 2 && s[0] < 0xC2) || (n == 4 && s[0] > 0xF4))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	unsigned cp = n == 2 ? s[0] & 0x1F : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return n;
}

void svg_escape(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		switch (*u) {
		case '&': fputs("&amp;", out); u++; continue;
		case '<': fputs("&lt;", out); u++; continue;
		case '>': fputs("&gt;", out); u++; continue;
		case '"': fputs("&quot;", out); u++; continue;
		case '\'': fputs("&apos;", out); u++; continue;
		default: break;
		}
		if (*u < 0x20) { /* XML 1.0 forbids most control characters */
			fputc(' ', out);
			u++;
			continue;
		}
		size_t n = utf8_len(u);
		if (n == 0) {
			fputs("\xEF\xBF\xBD", out); /* U+FFFD */
			u++;
			continue;
		}
		fwrite(u, 1, n, out);
		u += n;
	}
}

void svg_rect(FILE *out, double x, double y, double w, double h, const char *fill, const char *extra)
{
	fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"%s%s/>\n", x, y, w, h, fill,
		extra ? " " : "", extra ? extra : "");
}

void svg_line(FILE *out, double x1, double y1, double x2, double y2, const char *stroke, double width,
	      const char *extra)
{
	fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"%s%s/>\n",
		x1, y1, x2, y2, stroke, width, extra ? " " : "", extra ? extra : "");
}

void svg_text(FILE *out, double x, double y, double size, enum svg_anchor a, const char *fill,
	      const char *weight, const char *extra, const char *text)
{
	static const char *const anchors[] = {"start", "middle", "end"};
	fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" fill=\"%s\"", x, y, size, fill);
	if (a != SVG_START)
		fprintf(out, " text-anchor=\"%s\"", anchors[a]);
	if (weight)
		fprintf(out, " font-weight=\"%s\"", weight);
	if (extra)
		fprintf(out, " %s", extra);
	fputc('>', out);
	svg_escape(out, text);
	fputs("</text>\n", out);
}

double svg_text_width(const char *text, double size) { return text_width(text) * size * 0.6; }
