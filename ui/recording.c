/* recording.c: a recording read and written (see recording.h). The reader
 * knows one shape of JSON, the one the recorder writes: one object per
 * line, whose values are integers, strings, booleans, null or flat arrays
 * of integers and strings. A key it does not know is skipped, so that a
 * later recorder may add some without a new version. */
#define _GNU_SOURCE /* sigabbrev_np */
#include "recording.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- writing ------------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || len > n || (len == 2 && s[0] < 0xc2))
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (len == 3) {
		unsigned cp = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
		if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	if (len == 4) {
		unsigned cp = (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 | (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
		if (cp < 0x10000 || cp > 0x10ffff)
			return 0;
	}
	return len;
}

void rec_json_string(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	fputc('"', f);
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		size_t len = utf8_valid(u + i, n - i);
		if (len == 0) {
			fputs("\\ufffd", f);
			i++;
		} else if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			i++;
		} else if (c == '\n') {
			fputs("\\n", f);
			i++;
		} else if (c == '\t') {
			fputs("\\t", f);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(f, "\\u%04x", c);
			i++;
		} else {
			fwrite(u + i, 1, len, f);
			i += len;
		}
	}
	fputc('"', f);
}

int rec_signal_number(const char *name)
{
	if (strncmp(name, "SIG", 3) != 0)
		return 0;
	for (int sig = 1; sig < 65; sig++) {
		const char *abbrev = sigabbrev_np(sig);
		if (abbrev && strcmp(abbrev, name + 3) == 0)
			return sig;
	}
	char *end;
	long n = strtol(name + 3, &end, 10);
	return *end == '\0' && n > 0 && n < 65 ? (int)n : 0;
}

/* ---- reading one line ------------------------------------------------------------ */

enum jtype { J_NUM, J_STR, J_BOOL, J_NULL, J_ARRAY };

#define MAX_FIELDS 32
#define MAX_ITEMS 64

struct jvalue {
	enum jtype type;
	long long num;                /* J_NUM, J_BOOL */
	char *str;                    /* J_STR (malloc'd), NUL-terminated */
	size_t len;
	struct jvalue *items;         /* J_ARRAY: numbers and strings */
	int nitems;
};

struct jfield {
	char key[32];
	struct jvalue v;
};

struct jline {
	struct jfield f[MAX_FIELDS];
	int n;
};

struct jparser {
	const char *p, *end;
	const char *err;
};

static void skip_ws(struct jparser *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r'))
		j->p++;
}

static bool expect(struct jparser *j, char c)
{
	skip_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

static void put_utf8(char *out, size_t *n, unsigned cp)
{
	if (cp < 0x80)
		out[(*n)++] = (char)cp;
	else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | cp >> 6);
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | cp >> 12);
		out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | cp >> 18);
		out[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static bool hex4(struct jparser *j, unsigned *out)
{
	if (j->end - j->p < 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = j->p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v * 16 + (unsigned)d;
	}
	j->p += 4;
	*out = v;
	return true;
}

/* A string after its opening quote, decoded into a new buffer. */
static bool parse_string(struct jparser *j, struct jvalue *v)
{
	const char *start = j->p;
	while (j->p < j->end && *j->p != '"')
		j->p += *j->p == '\\' && j->p + 1 < j->end ? 2 : 1;
	if (j->p >= j->end) {
		j->err = N_("a string is not closed");
		return false;
	}
	size_t raw = (size_t)(j->p - start);
	char *out = malloc(raw + 1); /* decoding never lengthens: \uXXXX (6) gives at most 3 bytes, a pair (12) 4 */
	if (!out) {
		j->err = N_("out of memory");
		return false;
	}
	size_t n = 0;
	struct jparser s = {start, j->p, NULL};
	while (s.p < s.end) {
		char c = *s.p++;
		if (c != '\\') {
			out[n++] = c;
			continue;
		}
		char e = *s.p++;
		unsigned cp;
		switch (e) {
		case '"': case '\\': case '/': out[n++] = e; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'r': out[n++] = '\r'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'u':
			if (!hex4(&s, &cp))
				goto bad;
			if (cp >= 0xd800 && cp < 0xdc00) {
				unsigned lo;
				if (s.end - s.p < 6 || s.p[0] != '\\' || s.p[1] != 'u')
					goto bad;
				s.p += 2;
				if (!hex4(&s, &lo) || lo < 0xdc00 || lo > 0xdfff)
					goto bad;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp <= 0xdfff)
				goto bad;
			put_utf8(out, &n, cp);
			break;
		default:
			goto bad;
		}
	}
	out[n] = '\0';
	j->p++; /* the closing quote */
	v->type = J_STR;
	v->str = out;
	v->len = n;
	return true;
bad:
	free(out);
	j->err = N_("a bad escape in a string");
	return false;
}

static bool parse_scalar(struct jparser *j, struct jvalue *v)
{
	skip_ws(j);
	memset(v, 0, sizeof *v);
	if (j->p >= j->end) {
		j->err = N_("a value is missing");
		return false;
	}
	if (*j->p == '"') {
		j->p++;
		return parse_string(j, v);
	}
	static const struct { const char *word; enum jtype type; long long num; } words[] = {
		{"true", J_BOOL, 1}, {"false", J_BOOL, 0}, {"null", J_NULL, 0},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t len = strlen(words[i].word);
		if ((size_t)(j->end - j->p) >= len && strncmp(j->p, words[i].word, len) == 0) {
			j->p += len;
			v->type = words[i].type;
			v->num = words[i].num;
			return true;
		}
	}
	bool neg = *j->p == '-';
	const char *q = j->p + neg;
	unsigned long long n = 0;
	if (q >= j->end || *q < '0' || *q > '9') {
		j->err = N_("a value is not an integer, a string, true, false or null");
		return false;
	}
	for (; q < j->end && *q >= '0' && *q <= '9'; q++) {
		if (n > (unsigned long long)INT64_MAX / 10) {
			j->err = N_("a number is too large");
			return false;
		}
		n = n * 10 + (unsigned long long)(*q - '0');
	}
	if (n > (unsigned long long)INT64_MAX) {
		j->err = N_("a number is too large");
		return false;
	}
	j->p = q;
	v->type = J_NUM;
	v->num = neg ? -(long long)n : (long long)n;
	return true;
}

static void jvalue_free(struct jvalue *v)
{
	free(v->str);
	for (int i = 0; i < v->nitems; i++)
		free(v->items[i].str);
	free(v->items);
	memset(v, 0, sizeof *v);
}

static bool parse_value(struct jparser *j, struct jvalue *v)
{
	skip_ws(j);
	if (!(j->p < j->end && *j->p == '['))
		return parse_scalar(j, v);
	j->p++;
	memset(v, 0, sizeof *v);
	v->type = J_ARRAY;
	v->items = calloc(MAX_ITEMS, sizeof *v->items);
	if (!v->items) {
		j->err = N_("out of memory");
		return false;
	}
	if (expect(j, ']'))
		return true;
	do {
		if (v->nitems == MAX_ITEMS) {
			j->err = N_("an array is too long");
			return false;
		}
		if (!parse_scalar(j, &v->items[v->nitems]))
			return false;
		v->nitems++;
	} while (expect(j, ','));
	if (!expect(j, ']')) {
		j->err = N_("an array is not closed");
		return false;
	}
	return true;
}

static void jline_free(struct jline *l)
{
	for (int i = 0; i < l->n; i++)
		jvalue_free(&l->f[i].v);
	l->n = 0;
}

static bool parse_line(const char *p, const char *end, struct jline *l, const char **err)
{
	struct jparser j = {p, end, NULL};
	l->n = 0;
	if (!expect(&j, '{')) {
		*err = N_("a line is not a JSON object");
		return false;
	}
	if (!expect(&j, '}')) {
		do {
			struct jvalue key;
			skip_ws(&j);
			if (!(j.p < j.end && *j.p == '"')) {
				j.err = N_("a key is missing");
				break;
			}
			j.p++;
			if (!parse_string(&j, &key))
				break;
			if (l->n == MAX_FIELDS || key.len >= sizeof l->f[0].key) {
				free(key.str);
				j.err = N_("a line has too many or too long keys");
				break;
			}
			struct jfield *f = &l->f[l->n];
			memcpy(f->key, key.str, key.len + 1);
			free(key.str);
			if (!expect(&j, ':')) {
				j.err = N_("a ':' is missing after a key");
				break;
			}
			if (!parse_value(&j, &f->v)) {
				jvalue_free(&f->v);
				break;
			}
			l->n++;
		} while (expect(&j, ','));
		if (!j.err && !expect(&j, '}'))
			j.err = N_("a line's object is not closed");
	}
	skip_ws(&j);
	if (!j.err && j.p != j.end)
		j.err = N_("something follows the object on its line");
	if (j.err) {
		jline_free(l);
		*err = j.err;
		return false;
	}
	return true;
}

static const struct jvalue *field(const struct jline *l, const char *key, enum jtype type)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->f[i].key, key) == 0)
			return l->f[i].v.type == type ? &l->f[i].v : NULL;
	return NULL;
}

/* ---- the recording ------------------------------------------------------------------ */

bool recording_detect(const char *src, size_t len)
{
	static const char head[] = "{\"format\":\"" RECORDING_FORMAT "\"";
	return len >= sizeof head - 1 && memcmp(src, head, sizeof head - 1) == 0;
}

/* Keeps a string of a line (takes it from the parsed value). */
static const char *keep(struct recording *r, struct jvalue *v)
{
	if (r->nstrings == r->capstrings) {
		size_t cap = r->capstrings ? r->capstrings * 2 : 256;
		char **n = realloc(r->strings, cap * sizeof *n);
		if (!n)
			return NULL;
		r->strings = n;
		r->capstrings = cap;
	}
	r->strings[r->nstrings++] = v->str;
	const char *s = v->str;
	v->str = NULL;
	return s;
}

/* The words of an array of strings, joined by spaces. */
static char *join_words(const struct jvalue *a)
{
	size_t n = 1;
	for (int i = 0; i < a->nitems; i++)
		n += a->items[i].type == J_STR ? a->items[i].len + 1 : 0;
	char *s = malloc(n), *p = s;
	if (!s)
		return NULL;
	for (int i = 0; i < a->nitems; i++)
		if (a->items[i].type == J_STR) {
			if (p != s)
				*p++ = ' ';
			memcpy(p, a->items[i].str, a->items[i].len);
			p += a->items[i].len;
		}
	*p = '\0';
	return s;
}

static const char *const kind_names[REC_KIND_COUNT] = {
	[REC_START] = "start", [REC_EXEC] = "exec", [REC_FORK] = "fork", [REC_ENTER] = "enter",
	[REC_RETURN] = "return", [REC_REAP] = "reap", [REC_OUTPUT] = "output", [REC_SIGNAL] = "signal",
	[REC_STOP] = "stop", [REC_CONT] = "cont", [REC_EXIT] = "exit", [REC_END] = "end",
};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == REC_KIND_COUNT, "one name per kind");

static const char *const fork_kind_names[] = {
	[REC_FORK_FORK] = "fork", [REC_FORK_VFORK] = "vfork", [REC_FORK_CLONE] = "clone", [REC_FORK_THREAD] = "thread",
};

static long long num_or(const struct jline *l, const char *key, long long dflt)
{
	const struct jvalue *v = field(l, key, J_NUM);
	return v ? v->num : dflt;
}

/* One event line into e; an error message, or NULL. */
static const char *read_event(struct recording *r, struct jline *l, struct rec_event *e)
{
	const struct jvalue *ev = field(l, "ev", J_STR), *t = field(l, "t", J_NUM);
	if (!ev || !t)
		return N_("an event needs \"t\" (an integer) and \"ev\" (a string)");
	memset(e, 0, sizeof *e);
	int k = 0;
	while (k < REC_KIND_COUNT && strcmp(kind_names[k], ev->str) != 0)
		k++;
	if (k == REC_KIND_COUNT)
		return N_("unknown event");
	e->kind = (enum rec_kind)k;
	e->t = t->num;
	e->pid = (int)num_or(l, "pid", 0);
	e->tid = (int)num_or(l, "tid", e->pid);
	e->child = (int)num_or(l, "child", 0);
	e->from = (int)num_or(l, "from", 0);
	e->fd = (int)num_or(l, "fd", -1);
	e->ret = num_or(l, "ret", 0);
	e->run_ns = num_or(l, "run_ns", -1);
	e->wait_ns = num_or(l, "wait_ns", -1);
	const struct jvalue *st = field(l, "status", J_NUM);
	e->has_status = st != NULL;
	e->status = st ? (int)st->num : 0;
	const struct jvalue *sig = field(l, "sig", J_STR);
	e->sig = sig ? rec_signal_number(sig->str) : 0;
	const struct jvalue *tr = field(l, "truncated", J_BOOL);
	e->truncated = tr && tr->num;
	if ((e->kind != REC_END && e->kind != REC_START) && e->pid <= 0)
		return N_("an event needs a \"pid\"");
	if ((e->kind == REC_FORK || e->kind == REC_REAP) && e->child <= 0)
		return N_("a fork or a reap needs a \"child\"");
	if ((e->kind == REC_EXIT || e->kind == REC_REAP) && !e->has_status)
		return N_("an exit or a reap needs a \"status\"");
	if ((e->kind == REC_SIGNAL || e->kind == REC_STOP) && !e->sig)
		return N_("a signal or a stop needs \"sig\", a signal's name");
	struct jvalue *kind = (struct jvalue *)field(l, "kind", J_STR);
	if (e->kind == REC_FORK) {
		size_t i = 0;
		while (kind && i < sizeof fork_kind_names / sizeof fork_kind_names[0] && strcmp(fork_kind_names[i], kind->str))
			i++;
		if (!kind || i == sizeof fork_kind_names / sizeof fork_kind_names[0])
			return N_("a fork's \"kind\" is fork, vfork, clone or thread");
		e->fork_kind = (enum rec_fork_kind)i;
	}
	struct jvalue *call = (struct jvalue *)field(l, "call", J_STR);
	if (e->kind == REC_ENTER || e->kind == REC_RETURN) {
		if (!call)
			return N_("a system call's event needs \"call\"");
		if (!(e->call = keep(r, call)))
			return N_("out of memory");
		const struct jvalue *args = field(l, "args", J_ARRAY);
		for (int i = 0; args && i < args->nitems && i < 4; i++)
			if (args->items[i].type == J_NUM)
				e->args[e->nargs++] = args->items[i].num;
	}
	struct jvalue *data = (struct jvalue *)field(l, "data", J_STR);
	if (e->kind == REC_OUTPUT) {
		if (!data)
			return N_("an output needs \"data\"");
		e->text_len = data->len;
		if (!(e->text = keep(r, data)))
			return N_("out of memory");
	}
	if (e->kind == REC_EXEC) {
		struct jvalue *comm = (struct jvalue *)field(l, "comm", J_STR);
		const struct jvalue *argv = field(l, "argv", J_ARRAY);
		if (!comm || !argv)
			return N_("an exec needs \"comm\" and \"argv\"");
		e->text_len = comm->len;
		if (!(e->text = keep(r, comm)))
			return N_("out of memory");
		struct jvalue joined = {.type = J_STR, .str = join_words(argv)};
		if (!joined.str || !(e->cmdline = keep(r, &joined))) {
			free(joined.str);
			return N_("out of memory");
		}
	}
	if (e->kind == REC_END) {
		const struct jvalue *reason = field(l, "reason", J_STR);
		r->interrupted = reason && strcmp(reason->str, "interrupted") == 0;
		r->end_t = e->t;
	}
	return NULL;
}

static const char *read_header(struct recording *r, struct jline *l)
{
	const struct jvalue *fmt = field(l, "format", J_STR), *ver = field(l, "version", J_NUM);
	if (!fmt || strcmp(fmt->str, RECORDING_FORMAT) != 0 || !ver)
		return N_("not a procsim recording: the first line must name the format and its version");
	if (ver->num != RECORDING_VERSION)
		return N_("a recording of another version of the format: this procsim reads version 1");
	r->version = (int)ver->num;
	r->cpus = (int)num_or(l, "cpus", 1);
	const struct jvalue *argv = field(l, "argv", J_ARRAY);
	struct jvalue joined = {.type = J_STR, .str = argv ? join_words(argv) : NULL};
	if (!joined.str || !(r->cmdline = keep(r, &joined))) {
		free(joined.str);
		return argv ? N_("out of memory") : N_("the header needs \"argv\", the command recorded");
	}
	struct jvalue *kernel = (struct jvalue *)field(l, "kernel", J_STR);
	r->kernel = kernel ? keep(r, kernel) : NULL;
	if (!r->kernel)
		r->kernel = "";
	return NULL;
}

static bool push_event(struct recording *r, size_t *cap, const struct rec_event *e)
{
	if (r->n == *cap) {
		size_t n = *cap ? *cap * 2 : 1024;
		struct rec_event *ev = realloc(r->ev, n * sizeof *ev);
		if (!ev)
			return false;
		r->ev = ev;
		*cap = n;
	}
	r->ev[r->n++] = *e;
	return true;
}

struct recording *recording_parse(const char *src, size_t len, char *err, size_t errn, int *line)
{
	struct recording *r = calloc(1, sizeof *r);
	struct jline *l = malloc(sizeof *l);
	const char *msg = NULL;
	size_t cap = 0;
	bool ended = false;
	*line = 0;
	if (!r || !l)
		msg = N_("out of memory");
	const char *p = src, *end = src + len;
	for (int n = 1; !msg && p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		*line = n;
		if (ended)
			msg = N_("something follows the end line");
		else if (memchr(p, '\0', (size_t)(eol - p)))
			msg = N_("a line holds a NUL byte");
		else if (parse_line(p, eol, l, &msg)) {
			struct rec_event e;
			if (n == 1)
				msg = read_header(r, l);
			else if (!(msg = read_event(r, l, &e))) {
				if (r->n && e.t < r->ev[r->n - 1].t)
					msg = N_("an event is earlier than the one before it");
				else if (!push_event(r, &cap, &e))
					msg = N_("out of memory");
				ended = e.kind == REC_END;
			}
			jline_free(l);
		}
		p = nl ? nl + 1 : end;
	}
	if (!msg && !ended) {
		*line = 0;
		msg = r && r->version ? N_("the recording has no end line: it is incomplete")
				      : N_("not a procsim recording: the first line must name the format and its version");
	}
	free(l);
	if (msg) {
		snprintf(err, errn, "%s", _(msg));
		recording_free(r);
		return NULL;
	}
	return r;
}

void recording_free(struct recording *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->ev);
	free(r);
}
