#!/usr/bin/env python3
"""Q4: pipes and file descriptors, as Linux shows them in /proc.
 (a) reader blocked in read() on a pipe whose write end another process holds
 (b) EOF when the last writer closes
 (c) write to a pipe with no reader: EPIPE / SIGPIPE
 (d) multiprocessing.Pipe() (socketpair) vs Pipe(duplex=False) (os.pipe)
 (e) multiprocessing.Queue fds; getter blocked in get(); second getter blocked
     on the reader lock; Lock.acquire blocked
 (f) fd numbers a child gets at fork
 (g) extra: pipe capacity; writer blocked on a full pipe; wchan of a parent
     blocked in waitpid() and of a process in time.sleep()
Run: python3 tests/truth/pipes_fds.py"""
import os, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procinfo
import multiprocessing as mp

def show(label, pid, fds=True):
    print(f"  {label}: pid={pid} State={procinfo.state(pid)!r} wchan={procinfo.wchan(pid)!r}")
    if fds:
        print(procinfo.fmt_fds(pid))

def part_a_b():
    print("(a)+(b) reader blocked on a pipe; writer holder; EOF on last close")
    r, w = os.pipe()
    print(f"  parent: os.pipe() -> r={r} w={w}")
    holder = os.fork()
    if holder == 0:                       # keeps w open (never writes)
        os.close(r)
        signal.signal(signal.SIGUSR1, lambda *a: None)
        signal.pause()                    # until parent says: close
        os.close(w)
        time.sleep(2)
        os._exit(0)
    reader = os.fork()
    if reader == 0:
        os.close(w)                       # reader closes its own write end
        t0 = time.monotonic()
        got = os.read(r, 100)
        print(f"  reader: read() returned {got!r} after {time.monotonic()-t0:.2f} s"
              " (b'' = EOF)", flush=True)
        os._exit(0)
    os.close(r); os.close(w)              # parent holds neither end
    time.sleep(0.3)
    show("reader (blocked in read)", reader)
    show("writer holder (in pause)", holder)
    os.kill(holder, signal.SIGUSR1)       # holder closes the last write end
    os.waitpid(reader, 0)
    os.waitpid(holder, 0)

def part_c():
    print("(c) write to a pipe with no reader")
    r, w = os.pipe()
    os.close(r)
    try:
        os.write(w, b"x")
    except BrokenPipeError as e:
        print(f"  CPython (SIGPIPE is SIG_IGN by default): {type(e).__name__} errno={e.errno}"
              f" ({os.strerror(e.errno)})")
    os.close(w)
    code = ("import os,signal; signal.signal(signal.SIGPIPE, signal.SIG_DFL);"
            "r,w=os.pipe(); os.close(r); os.write(w,b'x'); print('not reached')")
    p = subprocess.run([sys.executable, "-c", code])
    print(f"  python3 with SIGPIPE=SIG_DFL: returncode={p.returncode} (killed by signal"
          f" {-p.returncode} = {signal.Signals(-p.returncode).name})")
    sh = subprocess.run(["bash", "-c", "yes | head -n 1 >/dev/null; echo ${PIPESTATUS[@]}"],
                        capture_output=True, text=True)
    print(f"  bash: 'yes | head -n 1' PIPESTATUS = {sh.stdout.strip()} (141 = 128+SIGPIPE)")
    code = "import sys,time; time.sleep(0.3); print('x'*100000)"
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode().strip().splitlines()
    p.wait()
    print(f"  python3 printing into a closed pipe: returncode={p.returncode}; stderr last line:"
          f" {err[-1] if err else ''!r}")

def recv_forever(conn):
    conn.recv()

def part_d():
    for duplex in (True, False):
        print(f"(d) multiprocessing.Pipe(duplex={duplex})")
        a, b = mp.Pipe(duplex=duplex)
        print(f"  parent: conn fds {a.fileno()} {b.fileno()}")
        c = mp.Process(target=recv_forever, args=(a,))
        c.start()
        time.sleep(0.5)
        show("child blocked in conn.recv()", c.pid)
        b.send("wake"); c.join()
        a.close(); b.close()

def q_get(q):
    q.get()

def lock_acquire(l):
    l.acquire()

def part_e():
    print("(e) multiprocessing.Queue / Lock")
    before = {fd for fd, _ in procinfo.fds(os.getpid())}
    q = mp.Queue()
    new = [(fd, t) for fd, t in procinfo.fds(os.getpid()) if fd not in before]
    print(f"  new fds in parent after mp.Queue(): {new}")
    print(f"  q._reader.fileno()={q._reader.fileno()} q._writer.fileno()={q._writer.fileno()}")
    g1 = mp.Process(target=q_get, args=(q,)); g1.start()
    time.sleep(0.5)
    g2 = mp.Process(target=q_get, args=(q,)); g2.start()
    time.sleep(0.5)
    show("getter 1 blocked in q.get() (holds q._rlock)", g1.pid)
    show("getter 2 blocked in q.get() (waits for q._rlock)", g2.pid, fds=False)
    q.put(1); q.put(2)
    g1.join(); g2.join()
    print(f"  after put(): parent threads = {procinfo.status(os.getpid(), ('Threads',))}"
          " (the Queue feeder thread)")
    l = mp.Lock(); l.acquire()
    c = mp.Process(target=lock_acquire, args=(l,)); c.start()
    time.sleep(0.5)
    show("child blocked in Lock.acquire()", c.pid, fds=False)
    l.release(); c.join()
    with open(f"/proc/{os.getpid()}/maps") as f:
        sems = sorted({ln[ln.index("/dev/shm"):].strip() for ln in f if "/dev/shm" in ln})
    print(f"  semaphores are mapped files, not fds: {sems}")
    q.close(); q.join_thread()

def list_self(tag):
    print(f"  {tag}: pid={os.getpid()}")
    print(procinfo.fmt_fds(os.getpid()), flush=True)

def part_f():
    print("(f) fd numbers at fork")
    r, w = os.pipe()
    f = open("/etc/hostname")
    list_self("parent")
    pid = os.fork()
    if pid == 0:
        list_self("os.fork() child")
        os._exit(0)
    os.waitpid(pid, 0)
    c = mp.Process(target=list_self, args=("multiprocessing (fork) child",))
    c.start(); c.join()
    os.close(r); os.close(w); f.close()

def part_g():
    print("(g) pipe capacity, blocked writer, waitpid, sleep")
    r, w = os.pipe()
    os.set_blocking(w, False)
    n = 0
    try:
        while True:
            n += os.write(w, b"x" * 4096)
    except BlockingIOError:
        pass
    print(f"  pipe capacity (bytes written before EAGAIN): {n}")
    os.set_blocking(w, True)
    writer = os.fork()
    if writer == 0:
        os.close(r)                       # only the parent holds the read end
        try:
            os.write(w, b"y")             # pipe full: blocks
        except BrokenPipeError:
            os._exit(32)
        os._exit(0)
    time.sleep(0.3)
    show("writer blocked in write() on a full pipe", writer, fds=False)
    os.close(r)                           # reader gone: writer gets EPIPE
    _, st = os.waitpid(writer, 0)
    print(f"  after the last reader closed: blocked writer woke with BrokenPipeError"
          f" (child exit status {os.waitstatus_to_exitcode(st)}; 32 = it caught EPIPE)")
    os.close(w)
    waiter = os.fork()
    if waiter == 0:
        kid = os.fork()
        if kid == 0:
            time.sleep(1.0)
            os._exit(0)
        print(f"  sleeper pid={kid}", flush=True)
        os.waitpid(kid, 0)
        os._exit(0)
    time.sleep(0.4)
    kids = open(f"/proc/{waiter}/task/{waiter}/children").read().split()
    show("parent blocked in os.waitpid()", waiter, fds=False)
    show("child in time.sleep(1.0)", int(kids[0]), fds=False)
    os.waitpid(waiter, 0)

if __name__ == "__main__":
    # Start from a clean fd table: keep 0,1,2 only (whatever ran us may have
    # left extra inherited fds open; they would show up in every listing).
    os.closerange(3, 4096)
    print("fds 0,1,2 of this run:", procinfo.fds(os.getpid()))
    mp.set_start_method("fork")
    for part in (part_a_b, part_c, part_d, part_e, part_f, part_g):
        part()
        sys.stdout.flush()
