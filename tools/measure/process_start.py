"""process_start.py: what multiprocessing.Process(...).start() costs (fork).

process_start_to_target: the parent's clock just before p.start() to the
  child's clock on the first line of its target (CPython 3.11 on Linux uses
  the fork start method: Popen._launch() forks, and the child runs
  process_obj._bootstrap(): after-fork hooks, stdin to /dev/null, then
  run() -> target).  The child leaves its time in a RawArray (shared memory
  inherited over fork).
process_start_parent: the same clock before p.start() to start() returning in
  the parent (the fork, two pipes, the Popen object, _children bookkeeping).
process_start_join_lifecycle: before p.start() to p.join() returning, the
  target doing nothing else.
exit_lifecycle_py_os_fork: os.fork() + os._exit(0) in the child +
  os.waitpid() in the parent, for comparison with C's exit_lifecycle.
The Process object is made before the clock starts.  -n N (default 300).
"""
import multiprocessing as mp
import os

from measure_stats import now_ns, report, reps


def target(stamps):
    stamps[0] = now_ns()


def main():
    n = reps(300)
    assert mp.get_start_method() == "fork"
    stamps = mp.RawArray("q", 1)
    to_target, parent_side, lifecycle = [], [], []
    for _ in range(n):
        p = mp.Process(target=target, args=(stamps,))
        before = now_ns()
        p.start()
        returned = now_ns()
        p.join()
        joined = now_ns()
        if p.exitcode != 0:
            raise SystemExit("process_start: child exit code %s" % p.exitcode)
        to_target.append(stamps[0] - before)
        parent_side.append(returned - before)
        lifecycle.append(joined - before)
    report("process_start_to_target", to_target)
    report("process_start_parent", parent_side)
    report("process_start_join_lifecycle", lifecycle)

    forks = []
    for _ in range(n):
        before = now_ns()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        forks.append(now_ns() - before)
    report("exit_lifecycle_py_os_fork", forks)


if __name__ == "__main__":
    main()
