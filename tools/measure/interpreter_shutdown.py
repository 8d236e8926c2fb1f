"""interpreter_shutdown.py: from the end of a Python program's code to its exit.

interpreter_shutdown_mp_child: a multiprocessing child (fork) returning from
  its target, to the parent's p.join() returning.  The target sleeps 2 ms so
  the parent is already asleep in join (os.waitpid), then takes its clock
  (into a RawArray) and returns: Process._bootstrap() runs
  util._exit_function() (finalizers, joining its own children), flushes
  stdout and stderr and returns the exit code, and Popen._launch() calls
  os._exit(code): no interpreter finalization; then exit_group, the parent's
  wakeup and reap.
interpreter_shutdown_main: `python3 -c` whose last statement writes its clock
  to stdout, to the parent's os.waitpid() returning: Py_FinalizeEx (atexit,
  flushing, garbage collection, module teardown), exit_group, reap.
interpreter_shutdown_main_S: the same with python3 -S (no site: on this
  machine site imports certifi, pathlib, re... through a .pth file, and
  they are torn down at exit too).
interpreter_shutdown_main_mp: the same as _main after `import multiprocessing`.
The program is sys.executable, the real binary (not a pyenv shim), started
with os.posix_spawn.  -n N (default 200).
"""
import multiprocessing as mp
import os
import sys
import time

from measure_stats import now_ns, report, reps


def target(stamps):
    time.sleep(0.002)
    stamps[0] = now_ns()


def time_mp_child(n):
    stamps = mp.RawArray("q", 1)
    samples = []
    for _ in range(n):
        p = mp.Process(target=target, args=(stamps,))
        p.start()
        p.join()
        samples.append(now_ns() - stamps[0])
    report("interpreter_shutdown_mp_child", samples)


def time_main(name, n, flags, imports):
    code = imports + "import os, time; os.write(1, b'%d' % time.perf_counter_ns())"
    samples = []
    for _ in range(n):
        r, w = os.pipe()
        actions = [(os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_CLOSE, r)]
        pid = os.posix_spawn(sys.executable, [sys.executable, *flags, "-c", code],
                             os.environ, file_actions=actions)
        os.close(w)
        _, status = os.waitpid(pid, 0)
        exited = now_ns()
        out = os.read(r, 64)
        os.close(r)
        if status != 0 or not out.isdigit():
            raise SystemExit("interpreter_shutdown: child said %r, status %d" % (out, status))
        samples.append(exited - int(out))
    report(name, samples)


def main():
    n = reps(200)
    time_mp_child(n)
    time_main("interpreter_shutdown_main", n, [], "")
    time_main("interpreter_shutdown_main_S", n, ["-S"], "")
    time_main("interpreter_shutdown_main_mp", n, [], "import multiprocessing; ")


if __name__ == "__main__":
    main()
