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
	.usage = "homework scheduler [-s SEED] [-j JOBS] [-m MAXLEN] [-l JLIST] [-p FIFO|SJF|RR] [-q QUANTUM] [-c] [--json|--markdown] [--problems N] | "
		 "process-run [-s SEED] [-l X:Y,...] [-P PROGRAMS] [-L IO_LENGTH] [-S SWITCH_ON_IO|SWITCH_ON_END] "
		 "[-I IO_RUN_LATER|IO_RUN_IMMEDIATE] [-c] [-p] | "
		 "lottery [-s SEED] [-j JOBS] [-l JLIST] [-m MAXLEN] [-T MAXTICKET] [-q QUANTUM] [-c] | "
		 "mlfq [-s SEED] [-n NUMQUEUES] [-q QUANTUM] [-a ALLOTMENT] [-Q QUANTUMLIST] [-A ALLOTMENTLIST] [-j NUMJOBS] "
		 "[-m MAXLEN] [-M MAXIO] [-B BOOST] [-i IOTIME] [-S] [-I] [-l JLIST] [-c]",
	.doc = N_("OSTEP's scheduler.py, process-run.py, lottery.py and mlfq.py, same options, same output; the answers (-c) measured on procsim's kernel"),
	.exec_argv = cmd_homework_argv,
};
