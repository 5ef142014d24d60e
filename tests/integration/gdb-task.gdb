# gdb -batch as a task under vkernel run (tests/integration/userland.sh)
set startup-with-shell off
break c_int3
run
bt 1
stepi
x/i $pc
info registers rip
watch label
continue
