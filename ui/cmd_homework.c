/* cmd_homework.c: `procsim homework TOOL [ITS OPTIONS]`: an OSTEP homework
 * simulator (homework.c), answered by procsim's kernel. */
#include "cmd.h"

#include <stdio.h>

#include "homework.h"
#include "i18n.h"

static int cmd_homework_argv(int argc, char **argv)
{
	return homework_main(argc, argv, stdout);
}

const struct cmd_entry cmd_homework_entry = {
	.name = "homework",
	.usage = "homework scheduler|process-run|fork|multi|lottery|mlfq [THE TOOL'S OPTIONS] [-c] (scheduler: [--json|--markdown] [--problems N])",
	.doc = N_("OSTEP's scheduler.py, process-run.py, fork.py, multi.py, lottery.py and mlfq.py, same options, same output; the answers (-c) measured on procsim's kernel"),
	.exec_argv = cmd_homework_argv,
};
