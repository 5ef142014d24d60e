// SPDX-License-Identifier: GPL-2.0-only
/*
 * The files a task opens, decided on the file and not on the path: every
 * open stops at its exit, and the new descriptor's /proc/PID/fd link says
 * what was opened, however the path was spelled, through whatever
 * symlink, dirfd, cwd or O_PATH descriptor, and whatever another thread
 * wrote into the path meanwhile.  A file of another process's /proc
 * directory that is not world-readable information (mem, environ, maps,
 * pagemap, syscall, stack, fd/, ns/, ...), or any of them opened for
 * writing (oom_score_adj, ...), is closed again in the task's name and
 * the open returns EPERM, as proc_mem_open's ptrace_may_access would.
 */
#include <errno.h>
#include <string.h>
#include <asm/user.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/userland.h>

/* fs/proc/base.c's entries that any process may read of any other */
static const char *const world_readable[] = {
	"stat",	      "statm",	       "status",	  "cmdline",
	"comm",	      "cgroup",	       "cpuset",	  "oom_score",
	"oom_adj",    "oom_score_adj", "loginuid",	  "sessionid",
	"schedstat",  "sched",	       "wchan",		  "limits",
	"mountinfo",  "mounts",	       "mountstats",	  "net",
	"attr",	      "uid_map",       "gid_map",	  "setgroups",
	"projid_map", "autogroup",     "coredump_filter",
};

static long parse_num(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + *(*p)++ - '0';
	return v;
}

/*
 * "/proc/PID[/task/TID][/NAME[/...]]": the process it belongs to (the
 * thread, for task/TID) and NAME's first component ("" for the
 * directories themselves); 0 for /proc's other files.
 */
static long proc_owner(const char *path, char *name, size_t len)
{
	const char *p = path + 6, *end;
	long pid, tid;
	size_t n;

	name[0] = 0;
	if (strncmp(path, "/proc/", 6) || (pid = parse_num(&p)) <= 0 ||
	    (*p && *p != '/'))
		return 0;
	if (!strncmp(p, "/task/", 6)) {
		const char *q = p + 6;

		tid = parse_num(&q);
		if (tid > 0 && (!*q || *q == '/')) {
			pid = userland_task_of((int)pid) ? tid : pid;
			p = q;
		}
	} else if (!strcmp(p, "/task")) {
		return pid;
	}
	if (*p == '/')
		p++;
	end = strchr(p, '/');
	n = end ? (size_t)(end - p) : strlen(p);
	if (n >= len)
		n = len - 1; /* no name of world_readable is that long */
	memcpy(name, p, n);
	name[n] = 0;
	return pid;
}

static int readable_name(const char *name)
{
	unsigned int i;

	if (!name[0])
		return 1; /* /proc/PID, /proc/PID/task[/TID]: directories */
	for (i = 0; i < ARRAY_SIZE(world_readable); i++)
		if (!strcmp(name, world_readable[i]))
			return 1;
	return 0;
}

/* The process outside the tree whose /proc file f is, or 0 (allowed). */
static long proc_file_outside(const struct user_fd_file *f)
{
	char name[32];
	long pid;

	if (!f->on_procfs)
		return 0;
	pid = proc_owner(f->path, name, sizeof(name));
	if (!pid || userland_task_of((int)pid))
		return 0;
	if (readable_name(name) && !f->writable)
		return 0;
	return pid;
}

static void resume_to_exit(struct task_struct *t)
{
	arch_user_resume_how(t->pid, 0, USER_RESUME_SYSCALL);
}

/* The open's exit: keep the descriptor, or close it in the task's name. */
static int open_exit(struct task_struct *t)
{
	struct task_contain *c = &t->contain;
	struct user_fd_file f;
	long fd, pid;

	c->open_exit = 0;
	if (arch_user_syscall_exit(t->pid, &fd) || fd < 0 ||
	    arch_user_fd_file(t->pid, (int)fd, &f))
		return 0;
	pid = proc_file_outside(&f);
	arch_user_comm(t->pid, t->comm, sizeof(t->comm));
	if (f.on_cgroupfs && f.writable)
		/* cgroup.procs, cgroup.kill, cgroup.freeze, limits: of anyone */
		pr_warn("userland: %s[%d]: opened %s for writing: a cgroup's processes are not the tree's: EPERM\n",
			t->comm, t->pid, f.path);
	else if (pid)
		pr_warn("userland: %s[%d]: opened %s: reaches outside its task tree: EPERM\n",
			t->comm, t->pid, f.path);
	else
		return 0;
	if (arch_user_inject_close(t->pid, c->compat, (int)fd, &c->saved,
				   -EPERM)) {
		arch_user_kill(t->pid); /* it must not keep the file */
		return 1;
	}
	c->closing = 1;
	resume_to_exit(t);
	return 1;
}

/*
 * A syscall stop: 1 when containment took it (an open's exit it closes a
 * file at, or the close it makes), 0 when it is the task's own, to be
 * reported to an emulated tracer or resumed.
 */
int task_contained_stop(struct task_struct *t)
{
	struct task_contain *c = &t->contain;

	if (c->closing == 1) { /* the close's entry */
		c->closing = 2;
		resume_to_exit(t);
		return 1;
	}
	if (c->closing == 2) { /* its exit: the open's exit again, EPERM */
		c->closing = 0;
		arch_user_restore_regs(t->pid, &c->saved);
		if (c->deferred_sig) {
			/* its siginfo is lost: sent again as from kill(2) */
			arch_user_signal(t->pid, c->deferred_sig);
			c->deferred_sig = 0;
		}
		return 0;
	}
	return c->open_exit ? open_exit(t) : 0;
}

/*
 * A signal that comes while vkernel closes a file in the task's name
 * would run its handler on the borrowed registers: it waits until the
 * close is done.
 */
int task_contained_signal(struct task_struct *t, int sig)
{
	if (!t->contain.closing)
		return 0;
	if (!t->contain.deferred_sig)
		t->contain.deferred_sig = sig;
	resume_to_exit(t);
	return 1;
}

/* While a call is contained, the task stops again at its syscall exits. */
enum user_resume task_contained_how(const struct task_struct *t,
				    enum user_resume how)
{
	return t->contain.open_exit || t->contain.closing ?
		       USER_RESUME_SYSCALL :
		       how;
}
