"""Small helpers to read /proc for the procsim truth programs (Linux only)."""
import os

STATUS_KEYS = ("State", "VmSize", "VmRSS", "RssAnon", "RssFile", "RssShmem")
ROLLUP_KEYS = ("Rss", "Pss", "Shared_Clean", "Shared_Dirty",
               "Private_Clean", "Private_Dirty", "Anonymous", "Swap")


def status(pid, keys=STATUS_KEYS):
    """Return {key: value-string} from /proc/PID/status ('absent' if missing)."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            out[k] = v.strip()
    return {k: out.get(k, "absent") for k in keys}


def kib(pid, key):
    """Integer KiB value of a Vm*/Rss* field of /proc/PID/status, or None."""
    v = status(pid, (key,))[key]
    return None if v == "absent" else int(v.split()[0])


def rollup(pid, keys=ROLLUP_KEYS):
    """Return {key: KiB int} from /proc/PID/smaps_rollup."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                out[parts[0][:-1]] = int(parts[1])
    return {k: out.get(k) for k in keys}


def wchan(pid):
    with open(f"/proc/{pid}/wchan") as f:
        return f.read().strip() or "0"


def state(pid):
    return status(pid, ("State",))["State"]


def fds(pid):
    """Return [(fd, target)] like `ls -l /proc/PID/fd`."""
    d = f"/proc/{pid}/fd"
    res = []
    for name in sorted(os.listdir(d), key=int):
        try:
            res.append((int(name), os.readlink(f"{d}/{name}")))
        except FileNotFoundError:
            pass          # the fd listdir() itself used (already closed)
    return res


def fmt_status(pid):
    s = status(pid)
    return "  ".join(f"{k}={v.replace(' kB', '')}" for k, v in s.items())


def fmt_rollup(pid):
    r = rollup(pid)
    return "  ".join(f"{k}={v}" for k, v in r.items())


def fmt_fds(pid):
    return "\n".join(f"    {fd} -> {t}" for fd, t in fds(pid))
