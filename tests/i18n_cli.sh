#!/bin/sh
# i18n_cli.sh PROCSIM SOURCE_ROOT COLUMNS: the command line in Simplified
# Chinese, run from the build directory (the catalogue is found next to the
# binary, not installed):
#   - the narrated trace of scenarios/demo.psim in zh_CN says the key sentences
#     (zombie, orphan adopted by init, reaping) in Chinese, with --lang zh_CN
#     whatever the locale, and with LANG=zh_CN.UTF-8 alone; --lang en gives
#     English even under LANG=zh_CN.UTF-8;
#   - an error is `file:line:col: 错误: ...` with the caret under the right
#     character, after Chinese text on the line;
#   - `procsim ps` and `procsim stats` line their columns up by display width
#     (COLUMNS, tests/i18n_columns.c, turns each character into as many bytes as
#     the columns it takes, so that awk can compare positions).
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
P=$(abs "$1") root=$(abs "$2") cols=$(abs "$3")
demo=$root/scenarios/demo.psim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 1
unset LANGUAGE LC_ALL LC_MESSAGES PROCSIM_LOCALEDIR
export LANG=C
failures=0 checks=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
# has FILE TEXT WHAT: FILE contains the fixed string TEXT.
has() {
	checks=$((checks + 1))
	grep -qF -- "$2" "$1" || fail "$3: no '$2' in:
$(head -c 1500 "$1")"
}
lacks() {
	checks=$((checks + 1))
	! grep -qF -- "$2" "$1" || fail "$3: '$2' should not be there"
}
# Chinese characters (UTF-8 of U+4E00..U+9FFF start with bytes E4..E9)
no_chinese() {
	checks=$((checks + 1))
	! LC_ALL=C grep -q "$(printf '[\344-\351]')" "$1" || fail "$2: Chinese text in English output: $(LC_ALL=C grep -m3 "$(printf '[\344-\351]')" "$1")"
}

# ---- the narrated trace ------------------------------------------------------------
zombie='PID 4 (task) 以退出码 0 退出 → Z（僵尸进程），直到父进程 PID 3 (python3 demo.py) 回收它'
reap='PID 3 (python3 demo.py) 回收 PID 4 (task)（退出码 0）：僵尸进程消失，PID 4 被释放'
orphan='PID 7 (child) 成为孤儿进程：它的父进程 PID 6 已退出，所以由 PID 1 (init) 收养它'
init_reaps='PID 1 (init) 回收 PID 7 (child)（退出码 0）'
stopped='PID 3 (python3 demo.py) 被 SIGTSTP 暂停 → T'
header='# 2 个 CPU，调度策略 rr，时间片 3 个节拍，一个节拍 = 0.1s'
check_zh_trace() { # FILE WHAT
	for s in "$zombie" "$reap" "$orphan" "$init_reaps" "$stopped" "$header"; do
		has "$1" "$s" "$2"
	done
	lacks "$1" "until its parent" "$2"
}
"$P" run "$demo" --lang zh_CN > zh.txt 2> err.txt || fail "run --lang zh_CN under LANG=C: exit status $?: $(cat err.txt)"
check_zh_trace zh.txt "--lang zh_CN under LANG=C"
env -u LANG "$P" run "$demo" --lang=zh_CN > zh-nolang.txt 2>&1 || fail "run --lang=zh_CN without LANG failed"
check_zh_trace zh-nolang.txt "--lang=zh_CN without LANG"
LANG=zh_CN.UTF-8 "$P" run "$demo" > zh-locale.txt 2>&1 || fail "run under LANG=zh_CN.UTF-8 failed"
check_zh_trace zh-locale.txt "LANG=zh_CN.UTF-8"
LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$P" run "$demo" > zh-language.txt 2>&1 || fail "run under LANGUAGE=zh_CN failed"
check_zh_trace zh-language.txt "LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
# the same events as in English, one line each
LANG=zh_CN.UTF-8 "$P" run "$demo" --lang en > en.txt 2>&1 || fail "run --lang en under LANG=zh_CN.UTF-8 failed"
has en.txt 'PID 4 (task) exits with code 0 → Z (zombie) until its parent PID 3 (python3 demo.py) reaps it' "--lang en under LANG=zh_CN.UTF-8"
has en.txt 'PID 7 (child) is an orphan: its parent PID 6 exited, so PID 1 (init) adopts it' "--lang en under LANG=zh_CN.UTF-8"
# (the demo's own strings are Chinese: leave out the lines that print them)
grep -v -e ' prints: ' -e ' 打印：' en.txt > en-narration.txt
no_chinese en-narration.txt "--lang en under LANG=zh_CN.UTF-8"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$P" run "$demo" --lang en > en2.txt 2>&1
grep -v -e ' prints: ' en2.txt > en2-narration.txt
no_chinese en2-narration.txt "--lang en under LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN"
checks=$((checks + 1))
[ "$(wc -l < zh.txt)" -eq "$(wc -l < en.txt)" ] || fail "the Chinese trace has $(wc -l < zh.txt) lines, the English one $(wc -l < en.txt)"
checks=$((checks + 1))
[ "$(grep '^t=' zh.txt | cut -c1-18)" = "$(grep '^t=' en.txt | cut -c1-18)" ] || fail "the Chinese and English traces differ in their time stamps"
# --help and a usage error follow --lang too
"$P" --help --lang zh_CN > help.txt 2>&1
has help.txt '用法：' "--help --lang zh_CN"
"$P" run --bogus --lang zh_CN > usage.txt 2>&1
has usage.txt "未知的选项 '--bogus'" "a usage error with --lang zh_CN"
"$P" run "$demo" --lang fr > fr.txt 2>&1
checks=$((checks + 1))
grep -q "unknown language 'fr'" fr.txt || fail "--lang fr: $(cat fr.txt)"

# ---- bash's job messages, as bash 5.2 prints them under LANGUAGE=zh_CN ------------
# (bash.mo: 已停止, 运行中, 已完成, 退出 %d; glibc's strsignal: 已终止, 已杀死),
# the status padded to 24 bytes as pretty_print_job pads it: 9 bytes + 15 spaces.
jobs=$root/scenarios/jobs-and-fg.psim
"$P" run "$jobs" --lang zh_CN > jobs-zh.txt 2>&1 || fail "run jobs-and-fg --lang zh_CN failed"
has jobs-zh.txt '[1]+  已停止               python main.py  [write(2)]' "jobs: Stopped in Chinese"
has jobs-zh.txt '[2]-  运行中               python main.py &  [write(1)]' "jobs: Running in Chinese"
has jobs-zh.txt '[1]+  已终止               python main.py  [write(2)]' "kill %1: Terminated in Chinese"
has jobs-zh.txt '[2] 4  [write(2)]' "cmd &: [2] PID"
printf 'program ok\n    sleep 1t\nprogram three\n    exit 3\nmain "python3 a.py &"\n    sleep 5t\nat 1 run ok &\nat 1 run three &\nat 2 kill -9 %%1\nat 3 fg %%9\n' > ends.psim
"$P" run ends.psim --lang zh_CN > ends-zh.txt 2>&1 || fail "run ends.psim --lang zh_CN failed"
has ends-zh.txt '已完成               ok' "Done in Chinese"
has ends-zh.txt '退出 3                three' "Exit 3 in Chinese"
has ends-zh.txt '已杀死               python3 a.py' "Killed in Chinese"
has ends-zh.txt 'bash: fg: %9: 无此任务' "no such job in Chinese"

# ---- an error with its caret --------------------------------------------------------
printf 'main\n    print "你好，世界" + x\n    comput 3\n' > bad.psim
"$P" check bad.psim --lang zh_CN > out.txt 2> err.txt
rc=$?
checks=$((checks + 1))
[ $rc -eq 1 ] || fail "check of a bad scenario: exit status $rc, expected 1"
has err.txt 'bad.psim:2:19: 错误: ' "the error in Chinese"
has err.txt 'bad.psim:3:5: 错误: 未知的指令 '"'comput'" "the error in Chinese"
has err.txt "= 提示: 你是不是想写 'compute'？" "the hint in Chinese"
# the caret's display column is the display column of character 19 of line 2,
# and the tilde run under 'comput' covers its 6 columns
"$cols" < err.txt > err.cols
awk -v want=19 '
	/^ +2 \| / { src = $0; next }
	src != "" && /^ +\| / && !done {
		caret = index($0, "^")
		# the source text starts after "    2 | ": walk want-1 characters of it
		# (each "#" run of a wide character counts as one character of width 2)
		prefix = index(src, "| ") + 2
		line = substr(src, prefix)
		col = 0; n = 0; i = 1
		while (n < want - 1 && i <= length(line)) {
			if (substr(line, i, 2) == "##") { col += 2; i += 2 } else { col += 1; i += 1 }
			n++
		}
		if (caret != prefix + col) { printf "caret at column %d, expected %d\n", caret, prefix + col; bad = 1 }
		if (substr(src, caret, 1) != "+") { printf "the caret is under \"%s\", not under \"+\"\n", substr(src, caret, 1); bad = 1 }
		done = 1
	}
	END { if (!done) { print "no caret line"; bad = 1 } exit bad }' err.cols > caret.txt ||
	fail "the caret under line 2: $(cat caret.txt)
$(cat err.txt)"
checks=$((checks + 1))
grep -q '^      |     ^~~~~~$' err.txt || fail "the caret under 'comput': $(cat err.txt)"

# ---- tables line up by display width ------------------------------------------------
# check_table FILE HEADER_REGEX LABELS...: see tests/i18n_table.awk.
check_table() {
	file=$1 head=$2
	shift 2
	awk -v head="$head" -v labels="$*" -f "$root/tests/i18n_table.awk" "$file"
}
cat > names.psim <<'EOF'
title "中文进程名：子进程与僵尸进程"
tick 100ms
program work(secs)
    sleep {secs}s
main "主进程"
    start work(1) named "子进程一"
    start work(2) named "子进程二号"
    compute 5s
EOF
for t in 5 15 25 45; do
	"$P" ps names.psim --at $t --lang zh_CN > ps.txt 2>&1 || fail "ps --at $t: $(cat ps.txt)"
	has ps.txt '任务：共 ' "ps --at $t"
	"$cols" < ps.txt > ps.cols
	checks=$((checks + 1))
	check_table ps.cols '^S +PID +PPID' S:L PID:R PPID:R PRI:R NI:R WCHAN:L TIME:R CMD:L > msg.txt ||
		fail "ps --at $t: the columns do not line up: $(cat msg.txt)
$(cat ps.txt)"
done
has ps.txt '[子进程一] <defunct>' "ps: a Chinese zombie"
"$P" stats names.psim --lang zh_CN > stats.txt 2>&1 || fail "stats: $(cat stats.txt)"
"$cols" < stats.txt > stats.cols
checks=$((checks + 1))
check_table stats.cols '^PID +##' PID:R '####':L '####':R '########':R '####':R '####':R \
	'########':R '########':R '########':R CPU:R '####':R '####':R '########':R '##########':R '####':R '####':L > msg.txt ||
	fail "stats: the process table does not line up: $(cat msg.txt)
$(cat stats.txt)"
has stats.txt '周转时间' "stats in Chinese"
has stats.txt '子进程二号' "stats: the Chinese names"
"$P" stats "$demo" --lang zh_CN > stats2.txt 2>&1
"$cols" < stats2.txt > stats2.cols
checks=$((checks + 1))
check_table stats2.cols '^  CPU +####' CPU:L '####':R '####':R '####':R '####_%':R '####_%':R '####_%':R > msg.txt ||
	fail "stats: the CPU table does not line up: $(cat msg.txt)
$(cat stats2.txt)"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
