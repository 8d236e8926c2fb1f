/* cli.h: the procsim command line. */
#ifndef PROCSIM_CLI_H
#define PROCSIM_CLI_H

/* Exit status: 0 success, 1 scenario error (or runaway), 2 usage error. */
int cli_main(int argc, char **argv);

#endif
