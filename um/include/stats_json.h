/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _UM_STATS_JSON_H
#define _UM_STATS_JSON_H

#include <linux/vk_stats.h>

int vk_write_stats_json(const char *path, const struct vk_stats *st);

#endif
