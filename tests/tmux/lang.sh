#!/bin/sh
# lang.sh PROCSIM SOURCE_ROOT COLUMNS: the interactive view in Simplified
# Chinese at 80x24 and 120x40: the header, the log, the footer and the help
# are in Chinese, nothing is wider than the terminal, and the table's columns
# line up between the header row and the data rows by display width (COLUMNS,
# tests/i18n_columns.c, turns each character into as many bytes as the
# terminal columns it takes; tests/i18n_table.awk compares the positions).
# Then the locale alone (LANG=zh_CN.UTF-8) gives Chinese, and --lang en
# gives English under it.
. "$(dirname "$0")/lib.sh"
cols=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
demo=$root/scenarios/demo.psim

# has TEXT WHAT: the screen contains the fixed string TEXT.
has() { printf '%s\n' "$s" | grep -qF -- "$1" || fail "$2: no '$1' on the screen"; }

# check_screen W [T]: the screen in $s, W columns wide; T: in the tree view.
check_screen() {
	printf '%s\n' "$s" | "$cols" > "$tmp/screen.cols"
	wide=$(awk -v w="$1" 'length($0) > w { print NR ": " $0 }' "$tmp/screen.cols")
	[ -z "$wide" ] || fail "lines wider than $1 columns: $wide"
	if [ "$1" -ge 110 ]; then # wide enough for top's memory columns
		# (USER is 用户 in Chinese: four columns, as ####)
		head='^ +PID +PPID +#### +PR +NI +VIRT +RES +SHR +S +%CPU +%MEM +TIME\\+ +WCHAN +COMMAND'
		labels="PID:R PPID:R ####:L PR:R NI:R VIRT:R RES:R SHR:R S:L %CPU:R %MEM:R TIME+:R WCHAN:L COMMAND:${2:-L}"
	else
		head='^ +PID +PPID +PR +NI +S +%CPU +TIME\\+ +WCHAN +COMMAND'
		labels="PID:R PPID:R PR:R NI:R S:L %CPU:R TIME+:R WCHAN:L COMMAND:${2:-L}"
	fi
	awk -v head="$head" -v labels="$labels" \
		-v rows='^ *[0-9]+ ' -f "$root/tests/i18n_table.awk" "$tmp/screen.cols" > "$tmp/table.txt" ||
		fail "$1 columns: the table does not line up: $(cat "$tmp/table.txt")"
}

for size in "80 24" "120 40"; do
	set -- $size
	w=$1 h=$2
	# t=31: two zombies, the parent computing, init and bash asleep
	start "$w" "$h" "'$procsim' '$demo' --lang zh_CN --at 31"
	wait_for "^procsim - t=31 "
	settle
	s=$(screen)
	has "平均负载:" "${w}x$h: the header"
	has "任务: 共   5 个, 运行   1, 睡眠   2, 暂停   0, 僵尸   2" "${w}x$h: the Tasks line"
	has "已暂停" "${w}x$h: the clock's state"
	has "策略 rr, 时间片 3 节拍, 2 个 CPU" "${w}x$h: the policy line"
	has "运行队列 (0): 空" "${w}x$h: the run queue"
	has "睡眠队列: 子进程退出: 1 2" "${w}x$h: the sleep queues"
	has "僵尸: 4 5" "${w}x$h: the zombies"
	has "等待任意子进程" "${w}x$h: WCHAN in Chinese"
	has "运行于 CPU0" "${w}x$h: WCHAN in Chinese"
	has "[task] <defunct>" "${w}x$h: a zombie's COMMAND"
	has "以退出码 0 退出 → Z（僵尸进程），直到父进程" "${w}x$h: the log"
	has "单步" "${w}x$h: the footer"
	has "h 帮助  q 退出" "${w}x$h: the footer's last keys"
	check_screen "$w"
	# every process of ps is in the table, with the same state letter
	pstable=$("$procsim" ps "$demo" --at 31 --lang zh_CN)
	for pid in $(printf '%s\n' "$pstable" | awk 'NR > 3 && $2 ~ /^[0-9]+$/ { print $2 }'); do
		a=$(state_of "$s" "$pid") b=$(state_of "$pstable" "$pid")
		[ -n "$a" ] && [ "$a" = "$b" ] || fail "${w}x$h: PID $pid is '$a' in the view and '$b' in ps"
	done
	# the tree view indents COMMAND: still aligned
	keys t
	wait_for "└─ "
	settle
	s=$(screen)
	check_screen "$w" T
	keys t
	# the help
	keys h
	wait_for "交互视图的按键"
	settle
	s=$(screen)
	has "运行或暂停时钟" "${w}x$h: the help"
	has "滚动" "${w}x$h: the help's last line"
	printf '%s\n' "$s" | "$cols" | awk -v w="$w" 'length($0) > w { bad = 1 } END { exit bad }' ||
		fail "${w}x$h: the help is wider than the terminal"
	# its end: what differs from htop (the help grew with htop's keys)
	keys End
	wait_for "与 htop 的不同之处"
	settle
	s=$(screen)
	has "z 运行或暂停时钟：Space 用于标记" "${w}x$h: the help's differences from htop"
	printf '%s\n' "$s" | "$cols" | awk -v w="$w" 'length($0) > w { bad = 1 } END { exit bad }' ||
		fail "${w}x$h: the end of the help is wider than the terminal"
	keys Escape
	wait_for "^procsim - t=31 "
	# explain the selected process, a zombie
	keys End Up e
	wait_for "它的历史"
	s=$(screen)
	has "从 t=10 起是僵尸进程" "${w}x$h: explain"
	keys Escape
	wait_for "^procsim - t=31 "
	keys q
	wait_for "EXIT=0"
done

# the locale alone chooses Chinese; --lang en overrides it
start 80 24 "env LC_ALL= LANGUAGE= LANG=zh_CN.UTF-8 '$procsim' '$demo' --at 31"
wait_for "^procsim - t=31 "
settle
s=$(screen)
has "任务: 共   5 个" "LANG=zh_CN.UTF-8"
check_screen 80
keys q
wait_for "EXIT=0"
start 80 24 "env LC_ALL= LANGUAGE= LANG=zh_CN.UTF-8 '$procsim' '$demo' --at 31 --lang en"
wait_for "^procsim - t=31 "
settle
s=$(screen)
has "Tasks:   5 total" "--lang en under LANG=zh_CN.UTF-8"
printf '%s\n' "$s" | grep -q "任务" && fail "--lang en under LANG=zh_CN.UTF-8: Chinese on the screen"
keys q
wait_for "EXIT=0"
echo "ok: the view in Chinese at 80x24 and 120x40, its table aligned"
