#!/bin/sh
# Q5: output format and units of top, free and ps on this machine, for a
# sleeping python3; and how %MEM and SHR are derived from /proc.
# Run: sh tests/truth/top_free_ps.sh
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" -c 'import time; time.sleep(30)' &
P=$!
sleep 1
echo '$ top -b -n 1 | head -5'
top -b -n 1 | head -5
echo
echo "\$ top -b -n 1 -p $P | tail -2"
top -b -n 1 -p $P | tail -2
echo
echo '$ free -m'
free -m
echo
echo '$ free          (KiB)'
free
echo
echo "\$ ps -o pid,stat,vsz,rss,%mem,comm -p $P"
ps -o pid,stat,vsz,rss,%mem,comm -p $P
echo
echo "/proc/$P/status:"
grep -E '^(VmSize|VmRSS|RssAnon|RssFile|RssShmem)' /proc/$P/status
echo "/proc/$P/statm (pages: size resident shared text lib data dt):"
cat /proc/$P/statm
echo "getconf PAGESIZE: $(getconf PAGESIZE)"
grep MemTotal /proc/meminfo
awk -v rss="$(awk '/^VmRSS/{print $2}' /proc/$P/status)" '/^MemTotal/{printf "%%MEM = 100*VmRSS/MemTotal = %.3f\n", 100*rss/$2}' /proc/meminfo
kill $P
