/* output.c: -o FILE written whole or not at all (see output.h). */
#include "output.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* A regular file is written to a temporary file next to it, renamed over it
 * once complete. While that temporary file exists, SIGINT, SIGTERM and SIGHUP
 * remove it before the process dies of them: its name is kept in a static
 * buffer for the handler (one output at a time is open). */
static char output_tmp[PATH_MAX + 16];
static volatile sig_atomic_t output_tmp_set;
static const int output_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_OUTPUT_SIGNALS (sizeof output_signals / sizeof output_signals[0])
static struct sigaction output_old[N_OUTPUT_SIGNALS];
static bool output_hooked[N_OUTPUT_SIGNALS];

static void output_on_signal(int sig)
{
	if (output_tmp_set)
		unlink(output_tmp);
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when this handler returns, with the default action */
}

static void output_block(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < N_OUTPUT_SIGNALS; i++)
		sigaddset(&set, output_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Called with the signals blocked. A signal that is ignored (nohup, a
 * background job's SIGINT) stays ignored. */
static void output_hook(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = output_on_signal;
	for (size_t i = 0; i < N_OUTPUT_SIGNALS; i++) {
		output_hooked[i] = false;
		if (sigaction(output_signals[i], NULL, &output_old[i]) != 0 || output_old[i].sa_handler == SIG_IGN)
			continue;
		output_hooked[i] = sigaction(output_signals[i], &sa, NULL) == 0;
	}
}

static void output_unhook(void)
{
	for (size_t i = 0; i < N_OUTPUT_SIGNALS; i++)
		if (output_hooked[i]) {
			sigaction(output_signals[i], &output_old[i], NULL);
			output_hooked[i] = false;
		}
}

/* "procsim: cannot write 'PATH': WHY" */
static void output_error(const char *path, const char *why)
{
	char msg[PATH_MAX + 256];
	snprintf(msg, sizeof msg, _("cannot write '%s'"), path);
	fprintf(stderr, "procsim: %s: %s\n", msg, why);
}

/* The file that writing to `path` writes: a symbolic link is followed to its
 * target, which need not exist (the shell's `>` creates it). */
static int output_target(const char *path, char *buf, size_t n)
{
	if (strlen(path) >= n)
		return ENAMETOOLONG;
	strcpy(buf, path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		if (lstat(buf, &st) != 0 || !S_ISLNK(st.st_mode))
			return 0; /* missing or not a link: this is the file */
		char link[PATH_MAX];
		ssize_t len = readlink(buf, link, sizeof link - 1);
		if (len < 0)
			return errno;
		link[len] = '\0';
		const char *slash = strrchr(buf, '/');
		size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - buf) + 1; /* a relative target: from the link's directory */
		if (dir + (size_t)len >= n)
			return ENAMETOOLONG;
		memcpy(buf + dir, link, (size_t)len + 1);
	}
	return ELOOP;
}

bool output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return true;
	}
	o->path = path;
	int err = output_target(path, o->final, sizeof o->final);
	if (err) {
		output_error(path, strerror(err));
		return false;
	}
	/* A FIFO or a device (-o /dev/null) is written as it is: renaming a
	 * temporary file over it would replace it with a regular file. */
	struct stat st;
	bool exists = stat(o->final, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			output_error(path, _("is a directory"));
			return false;
		}
		if (!(o->f = fopen(o->final, "w"))) {
			output_error(path, strerror(errno));
			return false;
		}
		o->direct = true;
		return true;
	}
	/* The rename below would replace a file the user may not write (the
	 * directory's permission is enough): refuse, as the shell's `>` would. */
	if (exists && access(o->final, W_OK) != 0) {
		output_error(path, strerror(errno));
		return false;
	}
	if (strlen(o->final) + sizeof ".tmpXXXXXX" > sizeof output_tmp) {
		output_error(path, strerror(ENAMETOOLONG));
		return false;
	}
	sigset_t old;
	output_block(&old);
	snprintf(output_tmp, sizeof output_tmp, "%s.tmpXXXXXX", o->final);
	int fd = mkstemp(output_tmp);
	err = errno;
	if (fd >= 0) {
		output_tmp_set = 1;
		output_hook();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd >= 0) {
		/* mkstemp creates the file 0600: it gets the mode of the file it
		 * replaces, else the usual 0666 & ~umask. */
		mode_t mode = exists ? st.st_mode & 0777 : 0;
		if (!exists) {
			mode_t mask = umask(0);
			umask(mask);
			mode = 0666 & ~mask;
		}
		fchmod(fd, mode);
		o->tmp = output_tmp;
		if ((o->f = fdopen(fd, "w")))
			return true;
		err = errno;
		close(fd);
		output_close(o, false);
	}
	output_error(path, strerror(err));
	return false;
}

/* Finishes the output; `keep` false (the command failed) discards a file.
 * False, with a message when `keep`, if it could not be written whole. */
bool output_close(struct output *o, bool keep)
{
	if (o->f == stdout)
		return fflush(stdout) == 0 || !keep;
	int err = 0;
	if (o->f) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f))
			err = errno ? errno : EIO;
		if (fclose(o->f) != 0 && !err)
			err = errno ? errno : EIO;
		o->f = NULL;
	}
	if (!o->direct && o->tmp) {
		sigset_t old;
		output_block(&old);
		if (keep && !err && rename(o->tmp, o->final) != 0)
			err = errno;
		if (!keep || err)
			unlink(o->tmp);
		output_tmp_set = 0;
		output_unhook();
		sigprocmask(SIG_SETMASK, &old, NULL);
		o->tmp = NULL;
	}
	if (keep && err)
		output_error(o->path, strerror(err));
	return !err || !keep;
}
