/* svg.h: writing small self-contained SVG documents: escaped UTF-8 text with
 * a font list that has CJK fallbacks, and the shapes the pictures need. */
#ifndef PROCSIM_SVG_H
#define PROCSIM_SVG_H

#include <stdio.h>

/* Fonts tried in order; the CJK ones render Chinese process names. */
#define SVG_FONTS "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', sans-serif"

enum svg_anchor { SVG_START, SVG_MIDDLE, SVG_END };

void svg_begin(FILE *out, double width, double height, const char *title);
void svg_end(FILE *out);
/* Writes s as XML character data: &, <, >, quotes escaped, control
 * characters and invalid UTF-8 replaced, so the document stays well-formed. */
void svg_escape(FILE *out, const char *s);
void svg_rect(FILE *out, double x, double y, double w, double h, const char *fill, const char *extra);
void svg_line(FILE *out, double x1, double y1, double x2, double y2, const char *stroke, double width,
	      const char *extra);
/* Text at (x, y) (baseline); `weight` NULL for normal; `extra` more attributes or NULL. */
void svg_text(FILE *out, double x, double y, double size, enum svg_anchor a, const char *fill,
	      const char *weight, const char *extra, const char *text);
/* The width text is likely to take at `size` px: wide (CJK) characters one
 * em, others about 0.6 em. Good enough to decide whether a label fits. */
double svg_text_width(const char *text, double size);

#endif
