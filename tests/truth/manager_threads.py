"""A Manager's server process and its threads (not modelled yet: issue 14).

Run on Linux 6.18, CPython 3.11.7, 2 CPUs (loaded: PIDs are not
contiguous), 2026-12-07:

main 4301 manager 4342 name SyncManager-1
manager after start ['4342:S:futex_do_wait', '4343:S:__skb_wait_for_more_packets']
manager after Queue() ['4342:S:futex_do_wait', '4343:S:__skb_wait_for_more_packets'] main ['4301:R:0']
child pid 4347 manager with a child connected ['4342:S:futex_do_wait', '4343:S:__skb_wait_for_more_packets', '4349:S:unix_stream_read_generic']
got 4347
getter 4351 ['4351:S:unix_stream_read_generic'] manager ['4342:S:futex_do_wait', '4343:S:__skb_wait_for_more_packets', '4349:S:unix_stream_read_generic', '4350:S:unix_stream_read_generic', '4353:S:futex_do_wait']
comm python3 cmdline /root/.pyenv/versions/3.11.7/bin/python3 mgr.py

So: Manager() forks a server process (comm python3, main's command line,
Process name SyncManager-1) whose main thread waits in futex_do_wait
(stop_event.wait()) and whose accepter thread waits in accept
(__skb_wait_for_more_packets). Every connection gets a serve_client
thread (unix_stream_read_generic while it waits for a request); a proxy's
get on an empty queue sleeps in the server thread's queue.get
(futex_do_wait) while the client waits for the reply
(unix_stream_read_generic). strace -f (clone3, accept4, exit) shows
short-lived threads for the connections Manager() and m.Queue() open and
close (three before the first child's fork), each taking a TID.
"""
import os, time, multiprocessing as mp
def tasks(pid):
    out = []
    for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            st = open(f"/proc/{pid}/task/{t}/stat").read()
            state = st[st.rindex(")")+2]
            wchan = open(f"/proc/{pid}/task/{t}/wchan").read() or "0"
            out.append(f"{t}:{state}:{wchan}")
        except FileNotFoundError:
            pass
    return out
def child(q):
    q.put(os.getpid())
    time.sleep(0.5)
def getter(q):
    q.get()
if __name__ == "__main__":
    me = os.getpid()
    m = mp.Manager()
    srv = m._process.pid
    print("main", me, "manager", srv, "name", m._process.name, flush=True)
    time.sleep(0.2)
    print("manager after start", tasks(srv), flush=True)
    q = m.Queue()
    time.sleep(0.1)
    print("manager after Queue()", tasks(srv), "main", tasks(me), flush=True)
    p = mp.Process(target=child, args=(q,)); p.start()
    g = mp.Process(target=getter, args=(q,)); 
    time.sleep(0.2)
    print("child pid", p.pid, "manager with a child connected", tasks(srv), flush=True)
    print("got", q.get(), flush=True)
    g.start(); time.sleep(0.3)
    print("getter", g.pid, tasks(g.pid), "manager", tasks(srv), flush=True)
    q.put(1); g.join(); p.join()
    print("comm", open(f"/proc/{srv}/comm").read().strip(), "cmdline", open(f"/proc/{srv}/cmdline").read().replace("\0"," "), flush=True)
