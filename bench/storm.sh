#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: storm throughput against a bare realtime-signal loop run in
# the same script (events per second per CPU, all invariants on), and the
# time the explorer takes to find each planted bug.
VKERNEL=${1:-./vkernel}
BARE=${2:-./bench/rtsig-baseline}

bare=$($BARE 2)
out=$($VKERNEL storm --duration 3s --cpus 1 -q --seed 1 \
	--mix nmi=1,int3=0,db=0,pf=0,mf=0,xf=0,user=0,reg=0,gdb=0 2>&1)
storm=$(echo "$out" | sed -n 's/.*events (\([0-9]*\)\/s).*/\1/p')
taken=$(echo "$out" | sed -n 's/.*CPU0: NMIs sent [0-9]* received [0-9]* taken \([0-9]*\).*/\1/p')
echo "storm, NMIs only, 1 CPU: $storm events/s ($taken NMIs taken in 3 s)"
echo "bare realtime signals, tgkill to a thread with an empty handler: $bare/s"
awk -v s="$((taken / 3))" -v b="$bare" \
	'BEGIN { printf "storm NMIs taken per second / bare signals per second: %.2fx\n", s / b }'
for m in "--nmi-entry naive" "--nmi-break cr2" "--nmi-break dr7" \
	"--nmi-break latch" "--nmi-break executing" "--nmi-break dec2" \
	"--nmi-break nmistate"; do
	# shellcheck disable=SC2086
	found=$($VKERNEL storm --explore -q $m 2>&1 |
		sed -n 's/.*explore: \(found after .*\)/\1/p')
	echo "explorer, $m: $found"
done
