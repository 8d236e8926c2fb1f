/* i18n.h: gettext markers. Every user-facing string goes through _() or, in
 * static tables, N_() and is translated where it is used. */
#ifndef PROCSIM_I18N_H
#define PROCSIM_I18N_H

#include <libintl.h>

#define _(s) dgettext("procsim", s)
#define N_(s) s
#define NG_(s, p, n) dngettext("procsim", s, p, n)

#endif
