// SPDX-License-Identifier: GPL-2.0-only
/* vkernel storm --explore: search, or replay one schedule exactly. */
#define pr_fmt(fmt) "explore: " fmt
#include <asm/flight.h>
#include <asm/timex.h>
#include <linux/kernel.h>
#include "explore.h"
#include "storm.h"

static int explore_found(const struct xsched *s)
{
	char text[1024], body[1100];

	explore_format(s, text, sizeof(text));
	/* once more with an empty flight recorder: this run's events only */
	flight_free();
	flight_alloc(1);
	explore_run(s);
	storm_print_violation();
	pr_err("schedule (%d injections):\n%s", s->n, text);
	storm_print_flight(1);
	scnprintf(body, sizeof(body), "explore schedule:\n%s", text);
	if (storm_p->record[0]) {
		if (storm_write_schedule(storm_p->record, body))
			pr_err("cannot write %s\n", storm_p->record);
		else
			pr_err("written to %s (vkernel storm --replay %s)\n",
			       storm_p->record, storm_p->record);
	}
	return 1;
}

int explore_main(const struct storm_params *p)
{
	unsigned long long t0 = local_clock(), ms;
	struct xsched s;
	int found;

	if (flight_alloc(1) || storm_work_init(1, 1)) {
		pr_err("out of memory\n");
		return 1;
	}
	nmi_check_start(storm_fail);
	if (p->schedule[0]) {
		if (explore_parse(p->schedule, &s)) {
			pr_err("cannot read the schedule\n");
			found = 2;
			goto out;
		}
		found = explore_run(&s);
		if (!found)
			pr_notice(
				"replayed %d injections: no invariant broken\n",
				s.n);
	} else {
		found = explore_search(&s, p->depth, p->target, p->budget_ns);
		ms = (local_clock() - t0) / 1000000ULL;
		if (found)
			pr_notice("found after %lu runs in %llu ms\n",
				  explore_runs(), ms);
		else
			pr_notice(
				"no invariant broken in %lu runs, %llu ms (every schedule of up to %d injections%s)\n",
				explore_runs(), ms, p->depth,
				x_over_budget() ?
					"; the time budget ran out first" :
					"");
	}
	if (found == 1)
		explore_found(&s);
out:
	nmi_check_stop();
	storm_work_exit(1);
	flight_free();
	return found;
}

/* The harness's side: set up once, then explore_fuzz_one() per input. */
int explore_fuzz_init(const struct storm_params *p)
{
	storm_p = p;
	if (flight_alloc(1) || storm_work_init(1, 1))
		return 1;
	nmi_check_start(storm_fail);
	return 0;
}
