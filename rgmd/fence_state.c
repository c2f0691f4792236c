// SPDX-License-Identifier: MIT
/*
 * fence_state.c - what one node knows of another about fencing: a pure
 * state machine driven by the membership it observes, the clock, and the
 * results of fence attempts (fence.h). No I/O; fence.c runs it in rgmd's
 * loop and the unit tests drive it directly.
 *
 * DESIGN. A node that leaves corosync's membership is "pending" (when a
 * fence_command is set): its groups are frozen where they ran until it is
 * fenced. A node whose rgmd leaves while the node stays in the membership
 * may still run its services: after rgmd_rejoin_timeout it becomes
 * pending too when its rows show a group there (with no fence_command it
 * is "gone" and stays frozen). A successful attempt marks it "fenced at
 * boot B" (the boot id its rgmd last reported): leaving the membership
 * afterwards in that same boot (the fence took it down) needs no second
 * fence. A node seen back (in the membership again, or its rgmd joined
 * again) is neither pending nor fenced any more: it is a new boot, or it
 * was never down, and its own rgmd reports what it runs.
 */
#include <string.h>

#include "fence.h"

static void
copy_boot(char *dst, const char *src)
{
	size_t n = strnlen(src, FENCE_BOOT_MAX - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool
fence_is_fenced_now(const struct fence_node *f)
{
	return f->fenced && strcmp(f->fenced_boot, f->boot) == 0;
}

static enum fence_change
begin_pending(struct fence_node *f, uint64_t now)
{
	if (fence_is_fenced_now(f))
		return FENCE_NO_CHANGE;	/* the fence took it down */
	f->pending = true;
	copy_boot(f->pending_boot, f->boot);
	f->seq++;
	f->attempts = 0;
	f->next_ms = now;
	return FENCE_NOW_PENDING;
}

/* Back in the membership, or its rgmd back: it tells what it runs. */
static enum fence_change
came_back(struct fence_node *f)
{
	bool was = f->pending || f->gone || f->gone_since != 0;

	f->pending = false;
	f->fenced = false;
	f->gone = false;
	f->gone_since = 0;
	f->attempts = 0;
	return was ? FENCE_CAME_BACK : FENCE_NO_CHANGE;
}

enum fence_change
fence_observe(struct fence_node *f, bool up, bool rgmd, bool hosts,
    const struct fence_policy *p, uint64_t now)
{
	enum fence_change ch = FENCE_NO_CHANGE;

	if (!f->seen) {
		/* Its past is unknown: a node whose rgmd this one never saw
		 * is not waited for, nor fenced for it. */
		f->seen = true;
		f->was_up = up;
		f->was_rgmd = rgmd;
		return FENCE_NO_CHANGE;
	}
	if ((up && !f->was_up) || (up && rgmd && !f->was_rgmd))
		ch = came_back(f);
	else if (!up && f->was_up) {
		f->gone = false;
		f->gone_since = 0;
		if (p->have_command && !f->pending)
			ch = begin_pending(f, now);
	} else if (up && !rgmd && f->was_rgmd)
		f->gone_since = now != 0 ? now : 1;
	if (up && !rgmd && f->gone_since != 0 && !f->gone &&
	    now >= f->gone_since + p->rejoin_ms) {
		f->gone = true;
		if (!p->have_command)
			ch = FENCE_NOW_GONE;
		else if (hosts && !f->pending)
			ch = begin_pending(f, now);
	}
	f->was_up = up;
	f->was_rgmd = rgmd;
	return ch;
}

uint64_t
fence_deadline(const struct fence_node *f, const struct fence_policy *p)
{
	if (f->gone_since == 0 || f->gone)
		return UINT64_MAX;
	return f->gone_since + p->rejoin_ms;
}

bool
fence_node_is_unclean(const struct fence_node *f, bool up, bool rgmd)
{
	if (f->pending)
		return true;
	return up && !rgmd && !fence_is_fenced_now(f);
}

bool
fence_is_due(const struct fence_node *f, uint64_t now)
{
	return f->pending && now >= f->next_ms;
}

uint64_t
fence_backoff_ms(unsigned int attempts)
{
	uint64_t ms = FENCE_RETRY_FIRST_MS;

	for (unsigned int i = 1; i < attempts && ms < FENCE_RETRY_MAX_MS; i++)
		ms *= 2;
	return ms < FENCE_RETRY_MAX_MS ? ms : FENCE_RETRY_MAX_MS;
}

void
fence_failed(struct fence_node *f, uint64_t now)
{
	f->attempts++;
	f->next_ms = now + fence_backoff_ms(f->attempts);
}

bool
fence_mark_fenced(struct fence_node *f, const char *boot)
{
	if (!f->pending || strncmp(f->pending_boot, boot,
	    FENCE_BOOT_MAX - 1) != 0)
		return false;
	f->pending = false;
	f->fenced = true;
	copy_boot(f->fenced_boot, boot);
	f->attempts = 0;
	return true;
}
