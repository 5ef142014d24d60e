/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _UM_OPTIONS_H
#define _UM_OPTIONS_H

#include <asm/bootparam.h>

struct vk_options {
	struct boot_params bp;
	char *log_path;
	char *stats_path;
	char *trace_path;
	int run; /* vkernel run: the console goes to stderr */
	char *gdb_spec; /* --gdb */
	int gdb_allow_remote;
};

/* 0: boot; -1: done, exit 0 (--version); else the exit status (errors). */
int vk_parse_options(int argc, char **argv, struct vk_options *opt);
void vk_free_options(struct vk_options *opt);

/* "5s", "100ms", "2m", "1h", "30" (seconds), "inf" (-1); -2 if invalid. */
long long vk_parse_duration(const char *s);
/* 1..64, or -1 */
int vk_parse_cpus(const char *s);
/* -1 if invalid */
int vk_parse_dr_backend(const char *s);

/* Config file: applies what the command line left unset. */
int vk_config_load(const char *path, struct vk_options *opt,
		   const unsigned int set_mask, char *err, size_t errlen);

#define OPT_SET_CPUS (1u << 0)
#define OPT_SET_LOG (1u << 1)
#define OPT_SET_QUIET (1u << 2)
#define OPT_SET_STATS (1u << 3)
#define OPT_SET_RUN_FOR (1u << 4)
#define OPT_SET_OOPS (1u << 5)
#define OPT_SET_HWBP (1u << 6)
#define OPT_SET_NMI (1u << 7)

/* --nmi-scenario, --nmi-entry, --nmi-break: 0 or 2 after a message */
/* vkernel nmi: send NMIs to a running vkernel from outside. */
int vk_nmi_command(int argc, char **argv);
/* vkernel storm: see vkernel-storm(1). */
int vk_storm_command(int argc, char **argv);
/* vkernel storm-task SEED: the storm's userland task (userland/). */
int vk_storm_task(int argc, char **argv);

int vk_apply_nmi_options(struct vk_options *opt, const char *scenario,
			 const char *entry, const char *brk, const char *panic);

#endif
