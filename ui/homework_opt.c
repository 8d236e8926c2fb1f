/* homework_opt.c: see homework_int.h. The options of the OSTEP tools as
 * Python 3.11's optparse reads them (OptionParser._process_args: clusters,
 * abbreviations, "--", arguments left alone) and prints them (--help and
 * its errors, word for word), int() and float() as optparse calls them, and
 * Python's float repr. tests/golden/homework/optparse/ holds what the tools
 * themselves answered. */
#include "homework_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

/* procsim's own limits: the tools' numbers are counts and lengths, up to
 * a billion; a seed is any 64-bit number */
#define HW_INT_MAX 1000000000LL
#define HW_SEED_MAX LLONG_MAX

/* "-h" and "--help" are options like the others (a cluster may end in h,
 * --he is --help), but every tool has them and none stores them. */
static const struct hw_option help_option = {'h', "help", NULL, HW_FLAG, 0, "show this help message and exit"};

static void *field(void *base, const struct hw_option *o) { return (char *)base + o->offset; }

/* OptionParser.error: the usage, then "TOOL: error: " and the message. */
static void error_prefix(const char *tool)
{
	fprintf(stderr, "Usage: %s [options]\n\n%s: error: ", tool, tool);
}

/* %r of a str: single quotes unless it holds one and no double quote. */
static void py_repr(FILE *f, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	fputc(q, f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\' || *p == q)
			fprintf(f, "\\%c", *p);
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			fprintf(f, "\\%c", *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
	fputc(q, f);
}

/* str.isspace() for ASCII, which int() and float() strip */
static bool py_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

/* Python's int(s, radix), ASCII digits only: blanks around, a sign, the
 * radix's prefix (0x, 0o, 0b) and one '_' after it, '_' between digits.
 * *big: a valid number beyond a long long's range (*v is then 0). */
static bool py_int(const char *s, int radix, long long *v, bool *big)
{
	while (py_space(*s))
		s++;
	bool neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	static const char prefix[] = {[2] = 'b', [8] = 'o', [16] = 'x'};
	if (radix != 10 && s[0] == '0' && (s[1] | 0x20) == prefix[radix])
		s += s[2] == '_' ? 3 : 2;
	unsigned long long n = 0; /* ULLONG_MAX once too big */
	int digits = 0;
	for (; *s && !py_space(*s); s++) {
		if (*s == '_' && digits && s[1] && s[1] != '_' && !py_space(s[1]))
			continue;
		int d = *s >= '0' && *s <= '9' ? *s - '0' : (*s | 0x20) >= 'a' && (*s | 0x20) <= 'z' ? (*s | 0x20) - 'a' + 10 : 99;
		if (d >= radix)
			return false;
		n = n > (ULLONG_MAX - (unsigned)d) / (unsigned)radix ? ULLONG_MAX : n * (unsigned)radix + (unsigned)d;
		digits++;
	}
	while (py_space(*s))
		s++;
	*big = n > (unsigned long long)HW_SEED_MAX;
	*v = *big ? 0 : neg ? -(long long)n : (long long)n;
	return digits && !*s;
}

/* optparse's _parse_num: the radix from the first characters as given. */
static bool optparse_int(const char *s, long long *v, bool *big)
{
	if (s[0] == '0' && (s[1] | 0x20) == 'x')
		return py_int(s, 16, v, big);
	if (s[0] == '0' && (s[1] | 0x20) == 'b')
		return py_int(s[2] ? s + 2 : "0", 2, v, big);
	return py_int(s, s[0] == '0' ? 8 : 10, v, big);
}

/* Python's float(s): decimal or inf, infinity, nan (any case), '_' between
 * digits, blanks around; no C hexadecimal and no nan(...). */
static bool py_float(const char *s, double *v)
{
	char buf[256];
	size_t k = 0;
	while (py_space(*s))
		s++;
	for (const char *p = s; *p; p++) {
		bool between = p > s && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9';
		if (*p == '_' && between)
			continue;
		if ((!strchr("0123456789.eE+-infatyINFATY", *p) && !py_space(*p)) || k + 1 == sizeof buf)
			return false;
		buf[k++] = *p;
	}
	while (k && py_space(buf[k - 1]))
		k--;
	buf[k] = '\0';
	char *end;
	*v = strtod(buf, &end);
	return k && *end == '\0';
}

/* One reading of a tool's options. */
struct reading {
	const char *tool;
	const struct hw_option *t;
	int n;
	void *base;
	bool *help;
	char too_big[160]; /* the first value past procsim's limits: told once optparse has read all */
	long long limit;   /* that value's */
};

/* option.process: the value converted and stored; opt as given (-s, --seed). */
static bool store(struct reading *r, const char *opt, const struct hw_option *o, const char *value)
{
	if (o->kind == HW_STRING) {
		*(const char **)field(r->base, o) = value;
		return true;
	}
	long long n = 0;
	double d = 0;
	bool big = false;
	bool ok = o->kind == HW_FLOAT ? py_float(value, &d) : optparse_int(value, &n, &big);
	if (!ok) {
		error_prefix(r->tool);
		fprintf(stderr, "option %s: invalid %s value: ", opt, o->kind == HW_FLOAT ? "floating-point" : "integer");
		py_repr(stderr, value);
		fputc('\n', stderr);
		return false;
	}
	long long limit = o->kind == HW_SEED ? HW_SEED_MAX : HW_INT_MAX;
	if (o->kind == HW_FLOAT) {
		*(double *)field(r->base, o) = d;
	} else if (!big && n >= -limit && n <= limit) {
		*(long long *)field(r->base, o) = n;
	} else if (!r->too_big[0]) {
		snprintf(r->too_big, sizeof r->too_big, "%s %s", opt, value);
		r->limit = limit;
	}
	return true;
}

/* _match_abbrev: the name in full, else the one name it begins (procsim's
 * own options, outside the tool's help, only in full, so that an
 * abbreviation means what it means to the tool). NULL: reported. */
static const struct hw_option *find_long(const struct reading *r, const char *s, size_t len)
{
	const struct hw_option *found = NULL;
	int matches = 0;
	for (int i = -1; i < r->n; i++) {
		const struct hw_option *o = i < 0 ? &help_option : &r->t[i];
		if (!o->long_name || strncmp(o->long_name, s, len) != 0)
			continue;
		if (strlen(o->long_name) == len)
			return o;
		if (o->help) {
			found = o;
			matches++;
		}
	}
	if (matches == 1)
		return found;
	error_prefix(r->tool);
	if (!matches) {
		fprintf(stderr, "no such option: --%.*s\n", (int)len, s);
		return NULL;
	}
	/* the candidates sorted, as optparse sorts them */
	fprintf(stderr, "ambiguous option: --%.*s (", (int)len, s);
	const char *last = "";
	for (int k = 0; k < matches; k++) {
		const char *next = NULL;
		for (int i = -1; i < r->n; i++) {
			const struct hw_option *o = i < 0 ? &help_option : &r->t[i];
			if (o->long_name && o->help && strncmp(o->long_name, s, len) == 0 && strcmp(o->long_name, last) > 0 &&
			    (!next || strcmp(o->long_name, next) < 0))
				next = o->long_name;
		}
		fprintf(stderr, "%s--%s", k ? ", " : "", next);
		last = next;
	}
	fprintf(stderr, "?)\n");
	return NULL;
}

static const struct hw_option *find_short(const struct reading *r, char c)
{
	if (c == 'h')
		return &help_option;
	for (int i = 0; i < r->n; i++)
		if (r->t[i].short_name == c)
			return &r->t[i];
	return NULL;
}

static int missing_value(const struct reading *r, const char *opt)
{
	error_prefix(r->tool);
	fprintf(stderr, "%s option requires 1 argument\n", opt);
	return EXIT_USAGE;
}

/* One "--name", "--name=value" or "--name value"; *i moves past a value. */
static int long_option(struct reading *r, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	const struct hw_option *o = find_long(r, a, eq ? (size_t)(eq - a) : strlen(a));
	if (!o)
		return EXIT_USAGE;
	char opt[64];
	snprintf(opt, sizeof opt, "--%s", o->long_name);
	if (o->kind == HW_FLAG) {
		if (eq) {
			error_prefix(r->tool);
			fprintf(stderr, "%s option does not take a value\n", opt);
			return EXIT_USAGE;
		}
		*(o == &help_option ? r->help : (bool *)field(r->base, o)) = true;
		return 0;
	}
	const char *value = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	if (!value)
		return missing_value(r, opt);
	return store(r, opt, o, value) ? 0 : EXIT_USAGE;
}

/* "-c", "-cp", "-s3", "-cs 3": flags in a cluster until one takes a value,
 * the rest of the word or the next argument. */
static int short_options(struct reading *r, int argc, char **argv, int *i)
{
	for (const char *c = argv[*i] + 1; *c; c++) {
		const struct hw_option *o = find_short(r, *c);
		char opt[3] = {'-', *c, '\0'};
		if (!o) {
			error_prefix(r->tool);
			fprintf(stderr, "no such option: %s\n", opt);
			return EXIT_USAGE;
		}
		if (o == &help_option) {
			*r->help = true;
			return 0;
		}
		if (o->kind == HW_FLAG) {
			*(bool *)field(r->base, o) = true;
			continue;
		}
		const char *value = c[1] ? c + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!value)
			return missing_value(r, opt);
		return store(r, opt, o, value) ? 0 : EXIT_USAGE;
	}
	return 0;
}

int homework_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base,
			   bool *help)
{
	struct reading r = {.tool = tool, .t = t, .n = n, .base = base, .help = help};
	*help = false;
	for (int i = 1; i < argc && !*help; i++) {
		const char *a = argv[i];
		int rc = 0;
		if (strcmp(a, "--") == 0)
			break; /* the rest are arguments */
		if (a[0] == '-' && a[1] == '-')
			rc = long_option(&r, argc, argv, &i);
		else if (a[0] == '-' && a[1])
			rc = short_options(&r, argc, argv, &i);
		/* else an argument: optparse keeps it, and no tool reads one */
		if (rc)
			return rc;
	}
	if (r.too_big[0] && !*help) {
		fprintf(stderr, _("procsim homework: %s: procsim takes whole numbers from -%lld to %lld\n"), r.too_big,
			r.limit, r.limit);
		return EXIT_USAGE;
	}
	return 0;
}

/* One option's help, "  -s SEED, --seed=SEED  the random seed": the help
 * at column 24, on the next line when the option is too wide, wrapped by
 * textwrap at 78 columns (optparse's width is COLUMNS, 80 off a terminal,
 * less 2). textwrap would also break after a hyphen: no tool's help needs
 * it. */
static void print_option(FILE *out, const struct hw_option *o)
{
	char head[96];
	if (o->metavar)
		snprintf(head, sizeof head, "-%c %s, --%s=%s", o->short_name, o->metavar, o->long_name, o->metavar);
	else if (o->long_name)
		snprintf(head, sizeof head, "-%c, --%s", o->short_name, o->long_name);
	else
		snprintf(head, sizeof head, "-%c", o->short_name);
	fprintf(out, "  %s", head);
	int col = 2 + (int)strlen(head);
	if (col > 22) {
		fputc('\n', out);
		col = 0;
	}
	fprintf(out, "%*s", 24 - col, "");
	const char *h = o->help;
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

void homework_print_help(FILE *out, const char *tool, const struct hw_option *t, int n)
{
	fprintf(out, "Usage: %s [options]\n\nOptions:\n", tool);
	print_option(out, &help_option);
	for (int i = 0; i < n; i++)
		if (t[i].help) /* procsim's own options: the help is the tool's */
			print_option(out, &t[i]);
}

static char digit_at(const char *digits, size_t nd, int i) { return i >= 0 && i < (int)nd ? digits[i] : '0'; }

/* float_repr_style 'short' (Python/pystrtod.c, format code 'r'): the
 * shortest %.*e that reads back to v, then fixed notation while the
 * decimal exponent is in -4..15, else d.ddde+XX. */
const char *homework_float_repr(double v, char *buf, size_t n)
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
			out[k++] = digit_at(digits, nd, exp10 - pw);
		out[k++] = '.';
		if (bottom >= 0)
			out[k++] = '0';
		for (int pw = -1; pw >= bottom; pw--)
			out[k++] = digit_at(digits, nd, exp10 - pw);
		out[k] = '\0';
	}
	snprintf(buf, n, "%s", out);
	return buf;
}
