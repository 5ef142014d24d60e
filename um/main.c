// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware: parse the command line, open what the run writes, make
 * the main thread the boot CPU and hand over to start_kernel(), in the
 * way of UML's arch/um/os-Linux/main.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <asm/console.h>
#include <linux/init.h>
#include <linux/vk_stats.h>
#include <options.h>
#include <os.h>
#include <os_task.h>
#include <stats_json.h>

/* Fail before booting when an output file cannot be written. */
static int check_writable(const char *what, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

	if (fd < 0) {
		fprintf(stderr, "vkernel: cannot open %s file %s: %s\n", what,
			path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* The debug port's socket, opened by the firmware before the boot. */
static int open_gdb_port(struct vk_options *opt)
{
	char err[300];
	int fd = os_gdb_listen(opt->gdb_spec, opt->gdb_allow_remote, err,
			       sizeof(err));

	if (fd < 0) {
		fprintf(stderr, "vkernel: --gdb: %s\n", err);
		return -1;
	}
	opt->bp.gdb_fd = fd;
	return 0;
}

int main(int argc, char **argv)
{
	struct vk_options opt;
	int status, log_fd = -1;

	if (argc > 1 && !strcmp(argv[1], "nmi"))
		return vk_nmi_command(argc - 1, argv + 1);
	/*
	 * _exit: the task's answer is its status alone; under ptrace, as the
	 * storm runs it, a sanitizer build's exit-time leak check cannot run
	 * and would turn the status into its own failure.
	 */
	if (argc > 1 && !strcmp(argv[1], "storm-task"))
		_exit(vk_storm_task(argc - 1, argv + 1));
	/* first: the NMI pin's default action would kill us */
	os_claim_host_signals();
	if (argc > 1 && !strcmp(argv[1], "storm"))
		return vk_storm_command(argc - 1, argv + 1);
	status = vk_parse_options(argc, argv, &opt);
	if (status)
		return status < 0 ? 0 : status;
	if ((opt.stats_path && check_writable("stats", opt.stats_path)) ||
	    (opt.trace_path && check_writable("trace", opt.trace_path))) {
		vk_free_options(&opt);
		return VK_EXIT_USAGE;
	}
	if (opt.gdb_spec && open_gdb_port(&opt)) {
		vk_free_options(&opt);
		return VK_EXIT_USAGE;
	}
	if (opt.log_path) {
		log_fd = os_open_append(opt.log_path);
		if (log_fd < 0) {
			fprintf(stderr,
				"vkernel: cannot open log file %s: %s\n",
				opt.log_path, strerror(-log_fd));
			vk_free_options(&opt);
			return VK_EXIT_USAGE;
		}
		arch_console_set_logfile(log_fd);
	}
	if (opt.run) {
		arch_console_to_stderr();
		/* the tasks' filter is built while the machine boots */
		os_task_containment_prepare();
	}
	status = start_kernel(&opt.bp);
	os_gdb_unlisten(opt.bp.gdb_fd);
	if (opt.stats_path && vk_write_stats_json(opt.stats_path, &vk_stats))
		status = status ? status : VK_EXIT_USAGE;
	os_close(log_fd);
	vk_free_options(&opt);
	return status;
}
