#!/bin/sh
# Q4/strace: which system calls CPython 3.11 multiprocessing makes for
# Pipe(), Pipe(duplex=False), Queue put/get (incl. a blocked get) and
# Lock acquire/release (uncontended and contended).
# Run: sh tests/truth/strace_mp.sh        (needs strace)
# Uses the real interpreter (python3 may be a pyenv shim script).
PY=$(python3 -c 'import sys; print(sys.executable)')
T=$(mktemp -d)

cat > "$T/pipe.py" <<'PYEOF'
import multiprocessing as mp
a, b = mp.Pipe()
c, d = mp.Pipe(duplex=False)
PYEOF
echo "== Pipe() then Pipe(duplex=False) =="
strace -e trace=socketpair,pipe2 "$PY" "$T/pipe.py" 2>&1 | grep -v '^+++'

cat > "$T/qtest.py" <<'PYEOF'
import multiprocessing as mp, os, time
mp.set_start_method("fork")
os.write(1, b"MARK Queue()\n")
q = mp.Queue()
def getter(q):
    os.write(1, b"MARK child: q.get() on empty queue\n")
    print("child got", q.get(), flush=True)
p = mp.Process(target=getter, args=(q,))
p.start()
time.sleep(0.5)
os.write(1, b"MARK parent: q.put('hello')\n")
q.put("hello")
p.join()
os.write(1, b"MARK end\n")
PYEOF
echo "== Queue: child blocks in get(), parent put()s =="
strace -f -o "$T/q.trace" -e trace=pipe2,openat,unlink,futex,read,write,clone3 \
  "$PY" "$T/qtest.py" >/dev/null 2>&1
sed -n '/MARK Queue/,/MARK end/p' "$T/q.trace" |
  grep -v -e 'openat(.*"/root' -e 'openat(.*"/usr' -e '= -1 ENOENT' -e 'read([0-9]*, "\\177ELF' \
          -e '+++ exited' -e 'read([0-9]*, "\\247\\r\\r\\n' -e 'read([0-9]*, "", 1)' -e 'SIGCHLD'

cat > "$T/lock.py" <<'PYEOF'
import multiprocessing as mp, os, time
mp.set_start_method("fork")
os.write(1, b"MARK Lock()\n")
l = mp.Lock()
os.write(1, b"MARK uncontended acquire+release\n")
l.acquire(); l.release()
os.write(1, b"MARK parent acquire; child will block\n")
l.acquire()
def f(l):
    os.write(1, b"MARK child: l.acquire()\n")
    l.acquire()
    os.write(1, b"MARK child: got it\n")
    l.release()
p = mp.Process(target=f, args=(l,))
p.start()
time.sleep(0.5)
os.write(1, b"MARK parent: l.release()\n")
l.release()
p.join()
os.write(1, b"MARK end\n")
PYEOF
echo "== Lock: uncontended, then contended =="
strace -f -o "$T/l.trace" -e trace=openat,unlink,futex,write,mmap,clone3 \
  "$PY" "$T/lock.py" >/dev/null 2>&1
sed -n '/MARK Lock/,/MARK end/p' "$T/l.trace" |
  grep -v -e 'openat(.*"/root' -e 'openat(.*"/usr' -e 'mmap(.*MAP_PRIVATE' -e '+++ exited' -e 'SIGCHLD'
rm -rf "$T"
