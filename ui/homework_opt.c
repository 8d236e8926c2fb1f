/* homework_opt.c: see homework_int.h. The options of the OSTEP tools as
 * Python's optparse reads and prints them, and Python's float repr. */
#include "homework_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static void *field(void *base, const struct hw_option *o) { return (char *)base + o->offset; }

static const struct hw_option *find_short(const struct hw_option *t, int n, char c)
{
	for (int i = 0; i < n; i++)
		if (c && t[i].short_name == c)
			return &t[i];
	return NULL;
}

static const struct hw_option *find_long(const struct hw_option *t, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++)
		if (t[i].long_name && strlen(t[i].long_name) == len && memcmp(t[i].long_name, s, len) == 0)
			return &t[i];
	return NULL;
}

static bool set_value(const char *tool, const struct hw_option *o, const char *value, void *base)
{
	if (o->kind == HW_STRING) {
		*(const char **)field(base, o) = value;
		return true;
	}
	char *end;
	if (o->kind == HW_FLOAT) {
		/* float(): no C hexadecimal; surrounding blanks are allowed */
		double d = strtod(value, &end);
		while (*end == ' ' || *end == '\t')
			end++;
		if (*value == '\0' || *end != '\0' || strchr(value, 'x') || strchr(value, 'X')) {
			fprintf(stderr, "Usage: %s [options]\n\n%s: error: option -%c: invalid floating-point value: '%s'\n",
				tool, tool, o->short_name, value);
			return false;
		}
		*(double *)field(base, o) = d;
		return true;
	}
	long long v = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0' || v < -1000000000LL || v > 1000000000LL) {
		/* optparse's own words */
		fprintf(stderr, "Usage: %s [options]\n\n%s: error: option -%c: invalid integer value: '%s'\n", tool, tool,
			o->short_name, value);
		return false;
	}
	*(long long *)field(base, o) = v;
	return true;
}

/* Returns 0, or the exit status of an error (reported); *help is set by -h. */
int hw_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base,
			    bool *help)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct hw_option *o = NULL;
		const char *value = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			*help = true;
			return 0;
		}
		if (strcmp(a, "--") == 0)
			break; /* the rest are arguments */
		if (a[0] != '-' || a[1] == '\0')
			continue; /* an argument: optparse keeps it, the tools ignore it */
		if (a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			o = find_long(t, n, a + 2, len);
			value = eq ? eq + 1 : NULL;
		} else {
			/* flags may be grouped, "-tcF"; a value may follow, "-s3" */
			while ((o = find_short(t, n, a[1])) && o->kind == HW_FLAG && a[2]) {
				*(bool *)field(base, o) = true;
				a++;
			}
			value = a[2] ? a + 2 : NULL;
		}
		if (!o) {
			if (a[1] != '-')
				fprintf(stderr, "Usage: %s [options]\n\n%s: error: no such option: -%c\n", tool, tool, a[1]);
			else
				fprintf(stderr, "Usage: %s [options]\n\n%s: error: no such option: %s\n", tool, tool, a);
			return EXIT_USAGE;
		}
		if (o->kind == HW_FLAG) {
			*(bool *)field(base, o) = true;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc) {
				fprintf(stderr, "Usage: %s [options]\n\n%s: error: -%c option requires 1 argument\n", tool, tool,
					o->short_name);
				return EXIT_USAGE;
			}
			value = argv[++i];
		}
		if (!set_value(tool, o, value, base))
			return EXIT_USAGE;
	}
	return 0;
}

/* optparse's help: "  -s SEED, --seed=SEED  the random seed", the help at
 * column 24, on the next line when the option is too wide, wrapped to 78
 * columns (optparse's width is 80 - 2 off a terminal; textwrap.wrap of the
 * help at 78 - 24). textwrap would also break after a hyphen: no tool's
 * help needs it. */
void hw_print_help(FILE *out, const char *tool, const struct hw_option *t, int n)
{
	fprintf(out, "Usage: %s [options]\n\nOptions:\n  -h, --help            show this help message and exit\n", tool);
	for (int i = 0; i < n; i++) {
		char head[96];
		if (!t[i].help) /* procsim's own options: the help is the tool's */
			continue;
		if (t[i].metavar)
			snprintf(head, sizeof head, "-%c %s, --%s=%s", t[i].short_name, t[i].metavar, t[i].long_name,
				 t[i].metavar);
		else if (t[i].long_name)
			snprintf(head, sizeof head, "-%c, --%s", t[i].short_name, t[i].long_name);
		else
			snprintf(head, sizeof head, "-%c", t[i].short_name);
		fprintf(out, "  %s", head);
		int col = 2 + (int)strlen(head);
		if (col > 22) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, "%*s", 24 - col, "");
		/* wrap the help at spaces, 54 characters a line */
		const char *h = t[i].help;
		col = 24;
		while (*h) {
			const char *sp = strchr(h, ' ');
			size_t w = sp ? (size_t)(sp - h) : strlen(h);
			if (col > 24 && col + 1 + (int)w > 78) {
				fprintf(out, "\n%24s", "");
				col = 24;
			} else if (col > 24) {
				fputc(' ', out);
				col++;
			}
			fwrite(h, 1, w, out);
			col += (int)w;
			h += w;
			while (*h == ' ')
				h++;
		}
		fputc('\n', out);
	}
}

static char hw_digit(const char *digits, size_t nd, int i) { return i >= 0 && i < (int)nd ? digits[i] : '0'; }

/* float_repr_style 'short' (Python/pystrtod.c, format code 'r'): the
 * shortest %.*e that reads back to v, then fixed notation while the
 * decimal exponent is in -4..15, else d.ddde+XX. */
const char *hw_float_repr(double v, char *buf, size_t n)
{
	if (isnan(v))
		return snprintf(buf, n, "nan"), buf;
	if (isinf(v))
		return snprintf(buf, n, "%sinf", v < 0 ? "-" : ""), buf;
	char e[40];
	for (int p = 0; p < 17; p++) {
		snprintf(e, sizeof e, "%.*e", p, v);
		if (strtod(e, NULL) == v)
			break;
	}
	/* e: [-]d[.ddd]e[+-]XX */
	const char *s = e;
	bool neg = *s == '-';
	if (neg)
		s++;
	char digits[24];
	size_t nd = 0;
	for (; *s && *s != 'e'; s++)
		if (*s != '.')
			digits[nd++] = *s;
	digits[nd] = '\0';
	int exp10 = atoi(s + 1);
	char out[64];
	size_t k = 0;
	if (neg)
		out[k++] = '-';
	if (exp10 < -4 || exp10 >= 16) {
		out[k++] = digits[0];
		if (nd > 1) {
			out[k++] = '.';
			for (size_t d = 1; d < nd; d++)
				out[k++] = digits[d];
		}
		snprintf(out + k, sizeof out - k, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
	} else {
		/* digit i stands for 10^(exp10 - i); zeros where there is none */
		int top = exp10 > 0 ? exp10 : 0, bottom = exp10 - ((int)nd - 1);
		for (int pw = top; pw >= 0; pw--)
			out[k++] = hw_digit(digits, nd, exp10 - pw);
		out[k++] = '.';
		if (bottom >= 0)
			out[k++] = '0';
		for (int pw = -1; pw >= bottom; pw--)
			out[k++] = hw_digit(digits, nd, exp10 - pw);
		out[k] = '\0';
	}
	snprintf(buf, n, "%s", out);
	return buf;
}
