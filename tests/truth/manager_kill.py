"""A client killed while it waits in a Manager queue's get loses the next item.

The server thread serving it is still in queue.get(); it takes the next
item put and its reply goes to a closed connection. procsim:
tests/test_threads.c, a_client_killed_in_a_managed_get_loses_the_next_item.
Run on Linux 6.18, CPython 3.11.7, 2026-12-07:

main b qsize after 0
"""
import os, time, signal, multiprocessing as mp
def getter(q):
    print("getter", q.get(), flush=True)
if __name__ == "__main__":
    m = mp.Manager(); q = m.Queue()
    g = mp.Process(target=getter, args=(q,)); g.start()
    time.sleep(0.5); os.kill(g.pid, signal.SIGKILL); g.join()
    q.put("a"); q.put("b"); time.sleep(0.2)
    print("main", q.get(), "qsize after", q.qsize(), flush=True)
