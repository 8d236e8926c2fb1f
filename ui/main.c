/* main.c: the `procsim` command line: the language chosen before anything is
 * printed, then the command run through the table of cmd.c. */
#include "cli.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "i18n.h"

static bool c_locale(const char *name) { return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0; }

/* gettext ignores LANGUAGE in the C locale, and a minimal system may have no
 * zh_CN locale at all: messages and characters then use C.UTF-8 (or another
 * UTF-8 locale), so that LANGUAGE can choose the catalogue. */
static void leave_c_locale(void)
{
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	const int cats[] = {LC_MESSAGES, LC_CTYPE};
	for (size_t c = 0; c < sizeof cats / sizeof cats[0]; c++)
		for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0] && c_locale(setlocale(cats[c], NULL)); i++)
			setlocale(cats[c], utf8[i]);
}

/* The locale chooses the language as usual (LC_ALL, LC_MESSAGES, LANG,
 * LANGUAGE); --lang en|zh_CN overrides it. A zh_CN locale asked for but not
 * installed still gives Chinese. */
static void choose_language(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0) {
		setenv("LANGUAGE", "C", 1); /* "C" in LANGUAGE: the untranslated messages */
		return;
	}
	if (lang && strcmp(lang, "zh_CN") == 0) {
		setenv("LANGUAGE", "zh_CN", 1);
		leave_c_locale();
		return;
	}
	const char *v = getenv("LC_ALL");
	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	if (v && strncmp(v, "zh_CN", 5) == 0 && c_locale(setlocale(LC_MESSAGES, NULL))) {
		const char *l = getenv("LANGUAGE");
		if (!l || !*l)
			setenv("LANGUAGE", "zh_CN", 1);
		leave_c_locale();
	}
}

/* The catalogues: $PROCSIM_LOCALEDIR; else, for a binary run from the build
 * directory (build/ui/procsim), the catalogues Meson built (build/po); else
 * LOCALEDIR, where they are installed. */
static void bind_catalogue(void)
{
	static char built[4096];
	const char *dir = getenv("PROCSIM_LOCALEDIR");
	if (!dir || !*dir) {
		dir = LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", built, sizeof built - 64);
		char *slash = n > 0 ? (built[n] = '\0', strrchr(built, '/')) : NULL;
		if (slash) {
			char mo[sizeof built + 64];
			snprintf(slash, sizeof built - (size_t)(slash - built), "/../po");
			snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", built, GETTEXT_PACKAGE);
			if (access(mo, R_OK) == 0)
				dir = built;
		}
	}
	bindtextdomain(GETTEXT_PACKAGE, dir);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
}

int cli_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* --lang first: it applies to everything printed, --help and usage errors too */
	const char *lang = NULL;
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) { /* after `--`: record's command */
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
	}
	choose_language(lang);
	bind_catalogue();
	return cmd_main(argc, argv);
}
