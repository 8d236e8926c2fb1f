"""Threads of a multiprocessing program: Queue's feeder, Pool's handlers.

Reads /proc/PID/task/TID/{stat,wchan} of main at each step (procsim's
docs/semantics.md, section 7c). Run on Linux 6.18, CPython 3.11.7,
2026-12-07:

start nlwp 1 ['20404:python3:R:0']
after Queue() nlwp 1 ['20404:python3:R:0']
after first put nlwp 2 ['20404:python3:R:0', '20445:python3:S:futex_do_wait']
after Pool(4) nlwp 5 ['20404:python3:R:0', '20445:python3:S:futex_do_wait', '20450:python3:S:poll_schedule_timeout.constprop.0', '20451:python3:S:futex_do_wait', '20452:python3:S:anon_pipe_read']
in pool.join() nlwp 5 ['20404:python3:S:futex_do_wait', '20445:python3:S:futex_do_wait', '20450:python3:S:poll_schedule_timeout.constprop.0', '20451:python3:S:futex_do_wait', '20452:python3:S:anon_pipe_read']
after pool.join() (main sleeps 1 s) nlwp 2 ['20404:python3:S:hrtimer_nanosleep', '20445:python3:S:futex_do_wait']
main with a started Process nlwp 2 ['20404:python3:R:0', '20445:python3:S:futex_do_wait']

The feeder (TID 20445) starts at the first put, in futex_do_wait; the
Pool's handlers come after its four workers' PIDs (20446-20449): worker
handler in poll, task handler in a futex, result handler reading the
result pipe; main in pool.join() sleeps in futex_do_wait (joining the
handler threads); every thread's comm is the process's. Thread.start()
took 50 us (median of 3000, `thread_start` in sim/cost.c).
"""
import os, sys, time, threading
from multiprocessing import Pool, Queue, Process
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

def tasks(pid):
    out = []
    for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            st = open(f"/proc/{pid}/task/{t}/stat").read()
            comm = st[st.index("(")+1:st.rindex(")")]
            state = st[st.rindex(")")+2]
            wchan = open(f"/proc/{pid}/task/{t}/wchan").read() or "0"
            out.append(f"{t}:{comm}:{state}:{wchan}")
        except FileNotFoundError:
            pass
    return out

def ps(pid, label):
    st = open(f"/proc/{pid}/stat").read()
    nlwp = st[st.rindex(")")+2:].split()[17]
    print(label, "nlwp", nlwp, tasks(pid), flush=True)

def watcher(pid, label, delay):
    time.sleep(delay)
    ps(pid, label)

def work(x):
    time.sleep(0.5)
    return x

def child(q):
    time.sleep(2)

if __name__ == "__main__":
    me = os.getpid()
    ps(me, "start")
    q = Queue()
    ps(me, "after Queue()")
    q.put(1)
    time.sleep(0.1)
    ps(me, "after first put")
    q.get()
    pool = Pool(4)
    time.sleep(0.2)
    ps(me, "after Pool(4)")
    r = [pool.apply_async(work, (i,)) for i in range(4)]
    pool.close()
    # a forked observer reads main's threads while main is in pool.join()
    obs = os.fork()
    if obs == 0:
        time.sleep(0.2)
        ps(me, "in pool.join()")
        time.sleep(0.8)
        ps(me, "after pool.join() (main sleeps 1 s)")
        os._exit(0)
    pool.join()
    time.sleep(1.5)
    os.waitpid(obs, 0)
    # a child that put one item and must join its feeder before exit
    p = Process(target=child, args=(q,))
    p.start()
    ps(me, "main with a started Process")
    p.join()
