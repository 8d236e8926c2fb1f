/* instr.c: the one list of scenario instructions. Adding an instruction is a
 * row here, a parse function in parse_stmt.c (or parse_obj.c for the shared
 * objects) and an exec function in sim/user/exec.c. */
#include "instr.h"

#include <string.h>
#include "../i18n.h"

static const struct instr_info instr_table[OP_NUM_INSTRUCTIONS] = {
	[OP_COMPUTE] = {"compute", OP_COMPUTE, "compute DURATION", N_("DURATION on a CPU (R)"),
		N_("Use the CPU for DURATION, like a busy loop."),
		N_("The process stays runnable (R) until it has been on a CPU for DURATION; with other runnable processes it shares the CPU by time slices. The next instruction runs at the end of its last tick."),
		"", false, true},
	[OP_SLEEP] = {"sleep", OP_SLEEP, "sleep DURATION", N_("DURATION asleep (S)"),
		N_("Sleep on a timer in interruptible sleep (S)."),
		N_("A signal with a handler wakes the process to run the handler; the sleep then goes on for the remaining time. A fatal signal ends it at once."),
		"time.sleep, nanosleep(2)", false, true},
	[OP_IO] = {"io", OP_IO, "io DURATION", N_("DURATION in uninterruptible sleep (D)"),
		N_("Do disk I/O: uninterruptible sleep (D)."),
		N_("No signal, not even SIGKILL, interrupts it: signals stay pending until the I/O completes."),
		"read(2) on a disk file, io_schedule", false, true},
	[OP_INPUT] = {"input", OP_INPUT, "input [as VAR]", N_("until a line is typed"),
		N_("Read a line from the terminal (S, waiting for input)."),
		N_("The line comes from a timeline `type` event. A process of a background job that reads the terminal is stopped by SIGTTIN."),
		"input(), read(2) on a tty", false, true},
	[OP_START] = {"start", OP_START, "start PROGRAM(ARGS) [as HANDLE] [daemon] [named \"NAME\"] | start HANDLE", N_("no time"),
		N_("Start a child process running PROGRAM, like multiprocessing.Process(...).start()."),
		N_("The child is joined implicitly when the parent's code ends (daemonic children are terminated first). start first reaps zombies of children it started before. A daemonic process may not start children. If no PID is free, start fails with EAGAIN and the process ends with exit code 1, as an uncaught Python exception would."),
		"Process.start, fork(2)", false, false},
	[OP_PROCESS] = {"process", OP_PROCESS, "process PROGRAM(ARGS) as HANDLE [daemon] [named \"NAME\"]", N_("no time"),
		N_("Make a Process object without starting it, like p = multiprocessing.Process(target=PROGRAM, args=(ARGS,)); `start HANDLE` starts it."),
		N_("Until it is started, HANDLE.daemon may be set (`HANDLE.daemon = True`), HANDLE.pid and HANDLE.exitcode are None and HANDLE.is_alive() is False. Setting daemon after start, starting it twice, or joining it before it is started raises AssertionError, as CPython's process.py asserts."),
		"multiprocessing.Process(), BaseProcess.__init__", false, false},
	[OP_FORK] = {"fork", OP_FORK, "fork PROGRAM(ARGS) [as HANDLE] [named \"NAME\"]", N_("no time"),
		N_("Fork a raw child running PROGRAM, like os.fork() in C or Python."),
		N_("The parent never waits for it implicitly, so it can become an orphan. If no PID is free, fork fails with EAGAIN and the process goes on, as a C program that checks fork() == -1 would."),
		"fork(2)", false, false},
	[OP_WAIT] = {"wait", OP_WAIT, "wait [HANDLE] [as VAR]", N_("until a child exits"),
		N_("Reap a child: any child, or the given one; sleep (S) while they all run."),
		N_("VAR takes the status word os.wait() returns: the exit code times 256 (768 for exit 3), or the signal number (9 for SIGKILL). With no such child (including one already reaped), wait4 fails at once with ECHILD: a C program goes on, a Python program raises ChildProcessError (an OSError)."),
		"wait(2), waitpid(2), do_wait", false, true},
	[OP_JOIN] = {"join", OP_JOIN, "join HANDLE [timeout DURATION]", N_("until the child exits, or the timeout"),
		N_("Wait for a started child and reap it, like Process.join([timeout])."),
		N_("Joining a child that was already reaped returns at once. With a timeout, the join gives up after DURATION and the child keeps running."),
		"Process.join, waitpid(2)", false, true},
	[OP_REAP] = {"reap", OP_REAP, "reap", N_("no time"),
		N_("Reap every zombie child without blocking."),
		N_("This is what a SIGCHLD handler does: while waitpid(-1, WNOHANG) > 0."),
		"waitpid(-1, &status, WNOHANG)", false, false},
	[OP_EXIT] = {"exit", OP_EXIT, "exit [CODE]", N_("no time"),
		N_("End the process at once with CODE (default 0)."),
		N_("The process becomes a zombie (Z) until its parent reaps it; its children are re-parented to init or to a subreaper. Unlike reaching the end of the program, exit does not join the children (os._exit)."),
		"_exit(2), os._exit", false, false},
	[OP_KILL] = {"kill", OP_KILL, "kill [-SIGNAL] TARGET", N_("no time"),
		N_("Send a signal (default SIGTERM) to a handle, a PID, `parent` or `self`."),
		N_("Signals: the standard Linux signals 1 to 31 (HUP INT QUIT ... USR1 ... SYS; procsim help signals), with or without SIG, or by number."),
		"kill(2)", false, false},
	[OP_TERMINATE] = {"terminate", OP_TERMINATE, "terminate HANDLE", N_("no time"),
		N_("Send SIGTERM to a started child, like Process.terminate()."),
		N_("Nothing is sent when the child has already been reaped."),
		"Process.terminate", false, false},
	[OP_IGNORE] = {"ignore", OP_IGNORE, "ignore SIGNAL", N_("no time"),
		N_("Ignore a signal (SIG_IGN)."),
		N_("Ignoring SIGCHLD is special: the kernel then reaps the children itself, and they never become zombies."),
		"signal(2) with SIG_IGN", false, false},
	[OP_DEFAULT] = {"default", OP_DEFAULT, "default SIGNAL", N_("no time"),
		N_("Restore a signal's default action (SIG_DFL)."),
		"", "signal(2) with SIG_DFL", false, false},
	[OP_ON] = {"on", OP_ON, "on SIGNAL", N_("no time to install; the block runs when the signal arrives"),
		N_("Install a handler: the indented block runs when the signal is delivered."),
		N_("A handler for SIGCHLD usually contains `reap`. SIGKILL and SIGSTOP cannot be handled."),
		"sigaction(2)", true, false},
	[OP_PAUSE] = {"pause", OP_PAUSE, "pause", N_("until a signal arrives"),
		N_("Sleep (S) until a signal is delivered."),
		"", "signal.pause, pause(2)", false, true},
	[OP_SUBREAPER] = {"subreaper", OP_SUBREAPER, "subreaper", N_("no time"),
		N_("Become a child subreaper: orphaned descendants are adopted by this process, not by init."),
		"", "prctl(PR_SET_CHILD_SUBREAPER)", false, false},
	[OP_PRINT] = {"print", OP_PRINT, "print \"TEXT\"", N_("no time"),
		N_("Print a line on the terminal; {placeholders} are filled in."),
		N_("Placeholders: {name} {pid} {ppid} {tick} {time} {elapsed}, parameters, variables and handles (their PID)."),
		"print()", false, false},
	[OP_REPEAT] = {"repeat", OP_REPEAT, "repeat COUNT [as VAR]", N_("its block COUNT times"),
		N_("Run the indented block COUNT times; VAR counts from 0."),
		"", "for VAR in range(COUNT)", true, false},
	[OP_LOOP] = {"loop", OP_LOOP, "loop", N_("forever"),
		N_("Run the indented block forever; it must contain an instruction that takes time."),
		"", "while True", true, false},
	[OP_NICE] = {"nice", OP_NICE, "nice INCREMENT", N_("no time"),
		N_("Add INCREMENT to the process's nice value (-20 to 19), like os.nice(); children inherit it."),
		N_("Under `policy prio` a lower nice value is a higher priority; under `policy cfs` nice sets the process's weight (sched_prio_to_weight). Round robin and the others ignore it."),
		"os.nice, nice(2)", false, false},
	[OP_ALLOC] = {"alloc", OP_ALLOC, "alloc SIZE", N_("no time"),
		N_("Allocate SIZE of memory and fill it, like data = bytearray(SIZE): VIRT and RES grow by SIZE."),
		N_("SIZE is a number with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024); memory is counted in pages of 4 KiB. The pages are the process's own until it forks: then parent and child share them copy-on-write."),
		"bytearray(n), malloc(3) and memset, brk(2), mmap(2)", false, false},
	[OP_TOUCH] = {"touch", OP_TOUCH, "touch SIZE", N_("no time"),
		N_("Write to SIZE of the memory the process already has (its data): each page it still shares with a parent or child since fork is copied first (copy-on-write)."),
		N_("A copy does not change the process's RES (the page was counted before, shared); it makes the page its own and the machine's used memory grows. Writing a `var` global writes one page. Even reading a Python list writes its objects' reference counts: in CPython, reading is often touching."),
		"a page fault on write (do_wp_page)", false, false},
	[OP_LET] = {"let", OP_LET, "let NAME = EXPR", N_("no time"),
		N_("Give a variable a value (also written `set NAME = EXPR` or just `NAME = EXPR`)."),
		N_("Each process has its own variables: a child gets a copy of its parent's globals (`var`) when it starts, and changes in one are invisible in the other. Assigning to a `shared` object writes the shared value instead. Expressions: numbers, strings, names, + - * / %, == != < <= > >=, and, or, not, p.pid, p.exitcode, p.name, p.is_alive(), q.empty(), q.full(), q.qsize(), os.cpu_count(), os.getpid(), os.getppid()."),
		"Python assignment", false, false},
	[OP_IF] = {"if", OP_IF, "if COND", N_("no time"),
		N_("Run the indented block when COND is true; `elif COND` and `else` blocks may follow."),
		"", "if/elif/else", true, false},
	[OP_WHILE] = {"while", OP_WHILE, "while COND", N_("its block, while COND is true"),
		N_("Run the indented block while COND is true; `break` and `continue` work in every loop."),
		N_("A while loop that never takes time is stopped at run time, with the line of the loop."),
		"while", true, false},
	[OP_BREAK] = {"break", OP_BREAK, "break", N_("no time"),
		N_("Leave the innermost loop (repeat, loop or while)."), "", "break", false, false},
	[OP_CONTINUE] = {"continue", OP_CONTINUE, "continue", N_("no time"),
		N_("Go on with the next round of the innermost loop."), "", "continue", false, false},
	[OP_TRY] = {"try", OP_TRY, "try", N_("its block"),
		N_("Run the block; an exception raised in it (EOFError, Empty, Full, ValueError...) jumps to the `except` block that follows."),
		N_("`except NAME, NAME` names the exceptions it catches; a bare `except` catches all. An exception nobody catches ends the process with exit code 1, after printing it, as an uncaught Python exception does."),
		"try/except", true, false},
	[OP_RAISE] = {"raise", OP_RAISE, "raise EXCEPTION [\"MESSAGE\"]", N_("no time"),
		N_("Raise an exception, like Python's raise ValueError(\"MESSAGE\")."),
		N_("A `try` around it catches it. Uncaught, it is printed on stderr and the process ends with exit code 1, once its code end has joined the children it started: a Process child's exitcode is 1. EXCEPTION is one of the names `except` takes (ValueError, OSError, AssertionError...)."),
		"raise", false, false},
	[OP_ACQUIRE] = {"acquire", OP_ACQUIRE, "acquire LOCK [nowait | timeout DURATION] [as VAR]", N_("until the lock is free"),
		N_("Take a lock (multiprocessing.Lock); sleep (S) while another process holds it."),
		N_("A process that acquires a lock it already holds waits forever: the material's deadlock. A release wakes the waiter that came first, but does not hand it the lock: the woken process takes it only if it is still free when it runs (CPython's Lock is a POSIX semaphore). A lock is not released when its holder dies. With nowait (acquire(False)) or a timeout that passes, acquire returns False: the process goes on without the lock. `as VAR` keeps what acquire returned, True or False."),
		"Lock.acquire, sem_wait", false, true},
	[OP_RELEASE] = {"release", OP_RELEASE, "release LOCK", N_("no time"),
		N_("Release a lock and wake the first waiting process, which takes it if it is still free when it runs."),
		N_("Releasing a lock that is not held raises ValueError."), "Lock.release, sem_post", false, false},
	[OP_WITH] = {"with", OP_WITH, "with LOCK", N_("until the lock is free, then its block"),
		N_("Acquire the lock, run the indented block, release the lock."), "", "with lock:", true, true},
	[OP_PUT] = {"put", OP_PUT, "put QUEUE EXPR [nowait | timeout DURATION]", N_("no time, or until there is room"),
		N_("Put a value into a queue; a full queue (maxsize) blocks the putter."),
		N_("With nowait or a timeout, a full queue raises Full."), "Queue.put", false, true},
	[OP_GET] = {"get", OP_GET, "get QUEUE [as VAR] [nowait | timeout DURATION]", N_("until there is an item"),
		N_("Take the oldest value from a queue; an empty queue blocks the getter (S)."),
		N_("With nowait or a timeout, an empty queue raises Empty."), "Queue.get", false, true},
	[OP_TASK_DONE] = {"task_done", OP_TASK_DONE, "task_done QUEUE", N_("no time"),
		N_("Tell a JoinableQueue that a task taken from it is finished; `join QUEUE` waits until every put item is done."),
		N_("Calling it more often than items were put raises ValueError."), "JoinableQueue.task_done", false, false},
	[OP_SEND] = {"send", OP_SEND, "send END EXPR", N_("no time"),
		N_("Send a value through one end of a pipe, to be received at the other end."),
		N_("Sending on an end this process has closed raises OSError."), "Connection.send", false, false},
	[OP_RECV] = {"recv", OP_RECV, "recv END [as VAR]", N_("until a value arrives"),
		N_("Receive a value at one end of a pipe; sleep (S) while none has arrived."),
		N_("When no value is waiting and no process still holds the other end open, recv raises EOFError. An end left open in the wrong process keeps the reader waiting."),
		"Connection.recv", false, true},
	[OP_CLOSE] = {"close", OP_CLOSE, "close END", N_("no time"),
		N_("Close this process's copy of a pipe end (each process has its own copy after fork)."),
		"", "Connection.close", false, false},
	[OP_POOL] = {"pool", OP_POOL, "pool NAME [size N]", N_("no time"),
		N_("Create a process pool (multiprocessing.Pool(N)): N daemonic worker processes, children of this one, that take tasks from the pool's queue."),
		N_("`close NAME` stops new tasks (workers exit once the queue is empty), `join NAME` waits for the workers to exit, `terminate NAME` sends them SIGTERM. Like any daemonic children, the workers are terminated when their creator's code ends."),
		"multiprocessing.Pool", false, false},
	[OP_APPLY_ASYNC] = {"apply_async", OP_APPLY_ASYNC, "apply_async POOL PROGRAM(ARGS)", N_("no time"),
		N_("Queue a task for the pool's workers and go on at once (Pool.apply_async)."),
		N_("A free worker runs PROGRAM(ARGS) in its own process; tasks are taken in the order they were queued."),
		"Pool.apply_async", false, false},
	[OP_APPLY] = {"apply", OP_APPLY, "apply POOL PROGRAM(ARGS)", N_("until the task is done"),
		N_("Queue a task and wait until a worker has done it (Pool.apply): tasks run one after another."),
		"", "Pool.apply", false, true},
	[OP_MAP] = {"map", OP_MAP, "map POOL PROGRAM COUNT", N_("until every task is done"),
		N_("Queue PROGRAM(0) ... PROGRAM(COUNT-1) and wait until all are done (Pool.map over range(COUNT))."),
		"", "Pool.map", false, true},
};

const struct instr_info *instr_find(const char *name, int len)
{
	for (int i = 0; i < OP_NUM_INSTRUCTIONS; i++)
		if ((int)strlen(instr_table[i].name) == len && memcmp(instr_table[i].name, name, (size_t)len) == 0)
			return &instr_table[i];
	return NULL;
}

const struct instr_info *instr_by_op(enum opcode op)
{
	return (int)op < OP_NUM_INSTRUCTIONS ? &instr_table[op] : NULL;
}

const struct instr_info *instr_all(int *count)
{
	*count = OP_NUM_INSTRUCTIONS;
	return instr_table;
}

const char *const *instr_names(void)
{
	static const char *names[OP_NUM_INSTRUCTIONS + 1];
	if (!names[0])
		for (int i = 0; i < OP_NUM_INSTRUCTIONS; i++)
			names[i] = instr_table[i].name;
	return names;
}
