"""The multiprocessing docs' "joining processes that use queues" deadlock.

A child puts n small ints into a Queue; main looks at it 1 s later,
before getting anything. Run on Linux 6.18, CPython 3.11.7, 2026-12-07:

    1000 child alive False  main 8270:R:0
    10000 child alive True ['8325:S:futex_do_wait', '8326:S:anon_pipe_write'] main 8270:R:0

With 1,000 the child has exited; with 10,000 its main thread waits for its
feeder (futex_do_wait: _finalize_join) and the feeder waits in
anon_pipe_write: the pipe is full (64 KiB). What the items pickle to
(multiprocessing.reduction.ForkingPickler.dumps, + 4 bytes of header):
0..255 -> 5, 256..65535 -> 15, larger -> 17, 'x' -> 16, None -> 4.
procsim: scenarios/queue-join-deadlock.psim.
"""
import os, time, multiprocessing as mp
def tasks(pid):
    out = []
    for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        st = open(f"/proc/{pid}/task/{t}/stat").read()
        out.append(f"{t}:{st[st.rindex(')')+2]}:{open(f'/proc/{pid}/task/{t}/wchan').read()}")
    return out
def child(q, n):
    for i in range(n):
        q.put(i)
if __name__ == "__main__":
    for n in (1000, 10000):
        q = mp.Queue()
        p = mp.Process(target=child, args=(q, n)); p.start()
        time.sleep(1.0)
        print(n, "child alive", p.is_alive(), tasks(p.pid) if p.is_alive() else "", "main", tasks(os.getpid())[0], flush=True)
        for i in range(n): q.get()
        p.join()
