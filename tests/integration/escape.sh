#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Containment: a task must not get out of its task tree by any road.
# userland/vk-escape tries each road against vkernel, against a victim
# outside the tree (which reports whether anything reached it) and against
# a child of its own (the inside twin, which must work as natively).
. "$top_srcdir/tests/integration/lib.sh"

ESC=$top_builddir/userland/vk-escape
ESC32=$top_builddir/userland/vk-escape32
UNTOUCHED='victim: signals=0 word=0x1122334455667788 nice=0 cpu-limit=unlimited'

# a victim outside the tree, in a process group of its own
start_victim() { # BINARY
	rm -f "$tmp/victim"
	python3 -c 'import os, sys
os.setpgid(0, 0)
os.execv(sys.argv[1], sys.argv[1:])' "$1" --victim-mode >"$tmp/victim" &
	victim_job=$!
	i=0
	until [ -s "$tmp/victim" ] || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	read -r _ VICTIM_PID VICTIM_ADDR <"$tmp/victim"
}

# ends the victim; true when nothing reached it
victim_untouched() {
	kill -TERM "$VICTIM_PID"
	wait "$victim_job"
	tail -1 "$tmp/victim"
	[ "$(tail -1 "$tmp/victim")" = "$UNTOUCHED" ]
}

# vkernel run [OPTS] -- vk-escape --victim ... ROADS: each refused, the
# victim untouched, each refusal logged
roads_refused() { # BINARY "RUN-OPTS" ROAD...
	bin=$1
	opts=$2
	shift 2
	start_victim "$bin"
	rc=0
	for road in "$@"; do
		# shellcheck disable=SC2086
		$VKERNEL run $opts --log "$tmp/log" -- "$bin" \
			--victim "$VICTIM_PID" "$VICTIM_ADDR" "$road" >"$tmp/out" ||
			rc=1
		cat "$tmp/out"
		# a road this host cannot offer (no cgroupfs, no terminal)
		grep -q "^vk-escape: 0/0 refused$" "$tmp/out" && continue
		grep -q "^vk-escape: 1/1 refused$" "$tmp/out" || rc=1
		# the host's Landlock refuses with EACCES before vkernel sees
		# the call; clone3 is ENOSYS in the filter itself (glibc then
		# uses clone, whose flags the filter sees): no log line
		grep -Eq "vkernel=(EACCES|n/a) victim=EACCES" "$tmp/out" &&
			continue
		[ "$road" = clone3_untraced ] && continue
		grep -Eq 'reaches|unseen|wait on it|not allowed|dropped|terminal|cgroup' \
			"$tmp/log" || { echo "no log line for $road"; rc=1; }
	done
	victim_untouched || rc=1
	return $rc
}

# 1: int $0x80 from 64-bit code is the i386 ABI: kill(vkernel, SIGKILL)
int80_sigkill() {
	sleep 300 &
	victim=$!
	$VKERNEL run --log "$tmp/log" -- "$ESC" --sig 9 \
		--victim $victim 0 int80_kill >"$tmp/out"
	rc=$?
	cat "$tmp/out"
	grep 'int80\|kill' "$tmp/log" | tail -2
	alive=0
	kill -0 $victim && alive=1
	kill $victim
	test $rc = 0 && test $alive = 1 &&
		grep -q '^int80_kill vkernel=EPERM victim=EPERM' "$tmp/out" &&
		grep -q "kill($victim) (i386) reaches outside its task tree" \
			"$tmp/log"
}
ok "1: int \$0x80 kill(vkernel, SIGKILL) from 64-bit code: refused, vkernel and a victim live" \
	int80_sigkill
ok "1: the x32 ABI's kill is decoded as kill too" \
	roads_refused "$ESC" "" x32_kill
ok "arguments are read as wide as the kernel reads them (garbage above 32 bits)" \
	roads_refused "$ESC" "--landlock off" f_setown_hibits \
	pr_set_ptracer_hibits seccomp_listener_hibits
ok "2: F_SETOWN, F_SETOWN_EX (tid, pid, pgrp) and socket owners: no SIGIO reaches outside" \
	roads_refused "$ESC" "" f_setown f_setown_pgrp f_setown_ex_tid \
	f_setown_ex_pid f_setown_ex_pgrp sock_fiosetown sock_siocspgrp
ok "3: /proc/PID/mem in every spelling, and environ, maps, pagemap, syscall, stack, oom_score_adj" \
	roads_refused "$ESC" "" proc_mem proc_mem_dotdot proc_mem_slashes \
	proc_mem_dot proc_mem_task proc_mem_thread_self proc_mem_openat \
	proc_mem_openat2 proc_mem_chdir proc_mem_symlink proc_mem_opath \
	proc_environ proc_maps proc_pagemap proc_syscall proc_stack \
	proc_oom_score_adj
ok "3: the same, decided by the supervisor alone (--landlock off)" \
	roads_refused "$ESC" "--landlock off" proc_mem proc_mem_dotdot \
	proc_mem_openat proc_mem_chdir proc_mem_symlink proc_mem_opath \
	proc_environ proc_maps proc_oom_score_adj

# 4: vkernel nmi --pid refuses what is not a vkernel
nmi_not_vkernel() {
	sleep 300 &
	victim=$!
	$VKERNEL nmi --pid $victim 2>"$tmp/err"
	rc=$?
	cat "$tmp/err"
	alive=0
	kill -0 $victim && alive=1
	kill $victim
	test $rc = 2 && test $alive = 1 && test "$(wc -l <"$tmp/err")" = 1 &&
		grep -q "is not a vkernel" "$tmp/err"
}
ok "4: vkernel nmi --pid of a process that is not a vkernel: one line, exit 2, nothing sent" \
	nmi_not_vkernel
ok "5: clone and clone3 with CLONE_UNTRACED: every child is traced" \
	roads_refused "$ESC" "" clone_untraced clone3_untraced vfork_exec
ok "6: a thread flips the path between the check and the open: never the victim's mem" \
	roads_refused "$ESC" "--landlock off" proc_mem_race
# the host's domain refuses the open itself: no descriptor to race for
ok "a thread sharing the descriptor table races the close: with Landlock, never the victim's mem" \
	roads_refused "$ESC" "" fd_share_race
ok "7: a seccomp listener of the task's own: refused" \
	roads_refused "$ESC" "" seccomp_listener
ok "8: io_uring: refused (ENOSYS)" roads_refused "$ESC" "" io_uring
ok "9: pidfd_open through int \$0x80, pidfd_getfd, process_madvise: refused" \
	roads_refused "$ESC" "" int80_pidfd_open pidfd_getfd process_madvise
ok "a PI futex whose word names an outside owner, a cgroup's process list opened for writing: refused" \
	roads_refused "$ESC" "" pi_futex cgroup_procs
perf_cgroup() {
	$VKERNEL run -- "$ESC" perf_event_cgroup >"$tmp/out"
	cat "$tmp/out"
	grep -q '^perf_event_cgroup vkernel=EPERM' "$tmp/out"
}
ok "perf_event_open on a cgroup (pid 0 with PERF_FLAG_PID_CGROUP): stopped and refused" \
	perf_cgroup
ok "10: prlimit, setpriority, sched_*, ioprio_set of another process: refused" \
	roads_refused "$ESC" "" prlimit setpriority setpriority_pgrp \
	setpriority_pgrp0 ioprio_pgrp0 sched_setaffinity sched_setscheduler \
	ioprio_set

# Every road, both ABIs, with and without the host's Landlock domain: all
# refused, and each inside twin answers as it does natively.
suite() { # BINARY "RUN-OPTS" ALLOWED-OPEN-ROADS [VK-ESCAPE-OPTS]
	bin=$1
	start_victim "$bin"
	# shellcheck disable=SC2086
	"$bin" --inside-only ${4:-} | grep -v '^vk-escape:' |
		sed 's/.* inside=/inside=/' >"$tmp/native"
	# shellcheck disable=SC2086
	$VKERNEL run $2 --log "$tmp/log" -- "$bin" ${4:-} \
		--victim "$VICTIM_PID" "$VICTIM_ADDR" >"$tmp/out"
	vkrc=$?
	rc=0
	victim_untouched || rc=1
	tail -1 "$tmp/out"
	# the roads vkernel refuses that the host cannot even offer natively
	grep -v '^vk-escape:' "$tmp/out" | sed 's/.* inside=/inside=/' |
		paste -d' ' - "$tmp/native" >"$tmp/pairs"
	grep -v '^vk-escape:' "$tmp/out" | cut -d' ' -f1 |
		paste -d' ' - "$tmp/pairs" >"$tmp/twins"
	# io_uring is refused inside the tree as well (ENOSYS), by design;
	# a 32-bit tracer's ptrace is not emulated yet (EIO)
	awk '$2 != $3 && $1 != "io_uring" &&
		!($1 ~ /^ptrace/ && $2 == "inside=EIO")' "$tmp/twins" |
		sed 's/^/inside twin differs from native: /' >"$tmp/diff"
	cat "$tmp/diff"
	[ -s "$tmp/diff" ] && rc=1
	if [ -n "$3" ]; then
		grep -v "^vk-escape:" "$tmp/out" |
			grep -Ev "vkernel=(E[A-Z0-9]*|n/a) victim=(E[A-Z0-9]*|n/a) " |
			cut -d' ' -f1 >"$tmp/open"
		[ "$(cat "$tmp/open")" = "$3" ] || rc=1
		return $rc
	fi
	grep -Eq '^vk-escape: ([0-9]+)/\1 refused$' "$tmp/out" || rc=1
	[ $vkrc = 0 ] || rc=1
	return $rc
}
ok "vk-escape: every road refused, every inside twin as natively (64-bit)" \
	suite "$ESC" "" ""
# without Landlock, a magic link of another process's /proc/PID/fd/N
# leads to its file, not to a /proc file: only the host can refuse it
# (and a thread sharing the descriptor table can use a refused file before
# vkernel closes it: not closed yet, vkernel(1) CONTAINMENT; the road is
# left out here, and shown open in its own test below)
ok "vk-escape without Landlock: every road but /proc/PID/fd/N refused (64-bit)" \
	suite "$ESC" "--landlock off" proc_fd_reopen "--skip fd_share_race"
if [ "${VK_HAVE_M32:-no}" = yes ]; then
	ok "vk-escape32: every road refused through the i386 ABI" \
		suite "$ESC32" "" ""
	ok "vk-escape32 without Landlock: every road but /proc/PID/fd/N refused" \
		suite "$ESC32" "--landlock off" proc_fd_reopen \
		"--skip fd_share_race"
else
	skip "vk-escape32: every road refused through the i386 ABI" "no gcc-multilib"
	skip "vk-escape32 without Landlock" "no gcc-multilib"
fi

# On a terminal: tcsetpgrp to a group outside the tree, TIOCSTI
tty_roads() {
	cat >"$tmp/tty.sh" <<EOF
python3 -c 'import os, sys
os.setpgid(0, 0)
os.execv(sys.argv[1], sys.argv[1:])' "$ESC" --victim-mode >"$tmp/victim" &
sleep 0.5
read -r _ pid addr <"$tmp/victim"
$VKERNEL_BIN run -- "$ESC" --victim \$pid \$addr tiocspgrp >"$tmp/out1"
$VKERNEL_BIN run --log "$tmp/log" -- "$ESC" --victim \$pid \$addr tiocsti >"$tmp/out2"
VK_ESCAPE_HANGUP=1 $VKERNEL_BIN run --log "$tmp/log3" -- "$ESC" tiocvhangup >"$tmp/out3"
echo still-here >"$tmp/after"
kill -TERM \$pid
wait
EOF
	timeout -k 5 60 script -qec "sh $tmp/tty.sh" /dev/null >/dev/null </dev/null
	cat "$tmp/out1" "$tmp/out2" "$tmp/out3" "$tmp/victim"
	grep -q '^tiocspgrp vkernel=n/a victim=EPERM inside=ok$' "$tmp/out1" &&
		grep -q '^tiocvhangup vkernel=EPERM' "$tmp/out3" &&
		grep -q 'changes a terminal others use' "$tmp/log3" &&
		[ -s "$tmp/after" ] &&
		grep -q '^tiocsti vkernel=EPERM victim=EPERM' "$tmp/out2" &&
		grep -q 'pushes input into a terminal' "$tmp/log" &&
		[ "$(tail -1 "$tmp/victim")" = "$UNTOUCHED" ]
}
ok "on a terminal: tcsetpgrp outside the tree, TIOCSTI and TIOCVHANGUP refused, tcsetpgrp inside works" \
	tty_roads

# What programs do inside their own tree keeps working.
# (timeout would put vkernel in a background group of the terminal, where
# an interactive bash stops, natively too: it bounds script instead)
job_control() {
	cat >"$tmp/jobs.sh" <<EOF
$VKERNEL_BIN run -- bash -ic 'sleep 0.2 & fg; echo fg-done; (sleep 5 &); kill -TERM 0 2>/dev/null; echo jobs-ok' >"$tmp/jobs" 2>"$tmp/jobs.err"
echo status=\$? >>"$tmp/jobs"
EOF
	timeout -k 5 60 script -qec "sh $tmp/jobs.sh" /dev/null >/dev/null </dev/null
	cat "$tmp/jobs" "$tmp/jobs.err"
	grep -q '^fg-done' "$tmp/jobs" && ! grep -q 'reaches outside' "$tmp/jobs.err"
}
ok "bash job control on a terminal (setpgid, tcsetpgrp) runs inside the tree" \
	job_control
asyncio_ok() {
	$VKERNEL run -- python3 -c '
import asyncio, fcntl, os, signal
got = []
signal.signal(signal.SIGIO, lambda s, f: got.append(s))
r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETOWN, os.getpid())
fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_ASYNC)
os.write(w, b"x")
async def main():
    p = await asyncio.create_subprocess_exec("echo", "child", stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate()
    print(out.decode().strip(), "sigio" if got else "no-sigio")
asyncio.run(main())' >"$tmp/py"
	cat "$tmp/py"
	grep -qx 'child sigio' "$tmp/py"
}
ok "F_SETOWN to itself and asyncio subprocesses work" asyncio_ok

# A signal that names a task as its sender, had one got through: vkernel
# logs it and carries on
forged() {
	rm -f "$tmp/taskpid"
	# the task names itself: another test's sleep must not be taken for it
	$VKERNEL_BIN run --log "$tmp/log" -- sh -c \
		"echo \$\$ >$tmp/taskpid.new; mv $tmp/taskpid.new $tmp/taskpid; exec sleep 3" &
	vk=$!
	i=0
	until [ -s "$tmp/taskpid" ] || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	task=$(cat "$tmp/taskpid")
	sleep 0.2
	for sig in 1 2 10 12 14 15 40; do
		"$ESC" --forge $vk $sig "$task" || return 1
	done
	wait $vk
	rc=$?
	grep 'from task' "$tmp/log"
	test $rc = 0 &&
		test "$(grep -c "from task $task to vkernel: ignored" "$tmp/log")" = 7
}
ok "signals from a task to vkernel, had they got through, are logged and ignored" forged
ok "no process left behind" no_leftovers
done_testing
