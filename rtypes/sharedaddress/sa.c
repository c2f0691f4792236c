/* SPDX-License-Identifier: MIT */
/*
 * sa.c - SUNW.SharedAddress: the callbacks. Each runs in the method
 * runner, on the node of the method.
 *
 *   validate       HostnameList resolves, NetIfList names nodes of the
 *                  Nodelist, AuxNodeList names others, and the addresses
 *                  take one interface here; Pdt_path is executable.
 *   start          (on the GIN) removes the addresses from the kernel's
 *                  interfaces and sets arp_ignore=1 on the public one, so
 *                  only pdt answers for them, and drops them at its
 *                  ingress (guard.c); writes pdt.conf and pdt.env
 *                  in the state directory; starts pdt under rgmd's PMF;
 *                  waits for its control socket to answer; announces
 *                  the addresses (gratuitous ARP, unsolicited NA).
 *   stop           stops pdt (dsdl_pmf_stop), removes the guard;
 *                  idempotent.
 *   monitor_check  the public interface exists here.
 *   probe          probe.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dsdl.h"
#include "sa.h"

#define SA_FEED_WAIT_MS	3000	/* for rgmd to give pdt its services */

#ifndef SA_PDT_DEFAULT
#define SA_PDT_DEFAULT "/usr/local/sbin/pdt"
#endif

struct sa_conf {
	struct lh_addrs		addrs;
	struct lh_netifs	netifs;
	struct sa_aux		aux;
	struct lh_plumb		p[LH_MAX_ADDRS];
	char			ifname[IF_NAMESIZE];
	const char		*pdt;
};

/* Every property, and where the addresses go on this node. */
static int
conf_read(const struct dsdl *h, struct sa_conf *c, char *err, size_t errlen)
{
	static char abuf[16384], gbuf[16384];
	const char *aux[SA_MAX_AUX + 1], *nodes[LH_MAX_NETIFS + 1];
	struct lh_nl *nl;
	size_t na, nn;
	int rc;

	if (lh_conf_read(h, &c->addrs, &c->netifs, err, errlen) == -1 ||
	    lh_get_list(h, DSDL_EXTENSION, "AuxNodeList", abuf, sizeof(abuf),
	    aux, SA_MAX_AUX + 1, &na, err, errlen) == -1 ||
	    lh_get_list(h, DSDL_GROUP, "Nodelist", gbuf, sizeof(gbuf), nodes,
	    LH_MAX_NETIFS + 1, &nn, err, errlen) == -1 ||
	    sa_aux_parse(aux, na, nodes, nn, &c->aux, err, errlen) == -1)
		return -1;
	if (dsdl_get_string(h, DSDL_EXTENSION, "Pdt_path", &c->pdt) == -1 ||
	    c->pdt[0] == '\0')
		c->pdt = SA_PDT_DEFAULT;
	if ((nl = lh_nl_open(err, errlen)) == NULL)
		return -1;
	rc = lh_place_all(nl, h, &c->addrs, &c->netifs, c->p, err, errlen);
	lh_nl_close(nl);
	if (rc == -1)
		return -1;
	return sa_public_if(c->p, c->addrs.n, c->ifname, sizeof(c->ifname),
	    err, errlen);
}

static int
sa_validate(struct dsdl *h)
{
	static struct sa_conf c;
	char err[512];

	if (conf_read(h, &c, err, sizeof(err)) == -1) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return 1;
	}
	if (access(c.pdt, X_OK) == -1) {
		dsdl_log(h, LOG_ERR, "Pdt_path: %s: %s", c.pdt, strerror(errno));
		return 1;
	}
	dsdl_log(h, LOG_INFO, "pdt would run on %s for %s%s", c.ifname,
	    c.addrs.a[0].text, c.addrs.n > 1 ? " and others" : "");
	return 0;
}

/* Write text to dir/name through a temporary file. */
static int
put_file(const char *dir, const char *name, const char *text)
{
	char path[4096], tmp[4200];
	size_t len = strlen(text);
	int fd, rc = -1;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1)
		return -1;
	if (write(fd, text, len) == (ssize_t)len && fsync(fd) == 0)
		rc = 0;
	close(fd);
	if (rc == 0 && rename(tmp, path) == -1)
		rc = -1;
	if (rc == -1)
		(void)unlink(tmp);
	return rc;
}

static int
set_sysctl(const char *path, const char *value)
{
	size_t len = strlen(value);
	int fd, rc = -1;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	if (write(fd, value, len) == (ssize_t)len)
		rc = 0;
	close(fd);
	return rc;
}

/* Only pdt answers for the addresses: none on a kernel interface, and the
 * kernel's ARP on the public interface answers only its own addresses. */
static int
quiet_kernel(struct dsdl *h, const struct sa_conf *c, char *err,
    size_t errlen)
{
	char ifname[IF_NAMESIZE], path[128], tap[IF_NAMESIZE];
	struct lh_nl *nl;
	int rc = 0;

	if ((nl = lh_nl_open(err, errlen)) == NULL)
		return -1;
	for (size_t i = 0; i < c->addrs.n && rc == 0; i++) {
		struct lh_plumb p = c->p[i];

		if (!lh_nl_has_addr(nl, &p.addr, ifname) ||
		    strcmp(ifname, "lo") == 0)
			continue;
		snprintf(p.ifname, sizeof(p.ifname), "%s", ifname);
		rc = lh_nl_del(nl, &p, err, errlen);
		if (rc == 0)
			dsdl_log(h, LOG_INFO, "%s removed from %s: pdt answers "
			    "for it", p.addr.text, ifname);
	}
	lh_nl_close(nl);
	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/arp_ignore",
	    c->ifname);
	if (rc == 0 && set_sysctl(path, "1\n") == -1)
		dsdl_log(h, LOG_WARNING, "%s: %s", path, strerror(errno));
	sa_tap_name(dsdl_resource_name(h), tap);
	if (rc == 0 && (rc = sa_guard_set(tap, c->ifname, &c->addrs, err,
	    errlen)) == 0)
		dsdl_log(h, LOG_INFO, "%s drops the addresses at %s's ingress: "
		    "only pdt takes them there", tap, c->ifname);
	return rc;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for pdt's socket to answer, at most ms; -1 with why. */
static int
wait_pdt(struct dsdl *h, long long ms, char *why, size_t whylen)
{
	long long end = now_ms() + ms;
	bool running;

	for (;;) {
		if (sa_pdt_ping(dsdl_state_dir(h), 1000, why, whylen) == 0)
			return 0;
		if (dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, NULL) == 0 &&
		    !running) {
			snprintf(why, whylen, "pdt exited (see the node's log)");
			return -1;
		}
		if (now_ms() >= end)
			return -1;
		usleep(100 * 1000);
	}
}

/* The MAC of ifname as text. */
static int
if_mac(const char *ifname, char out[18], char *err, size_t errlen)
{
	unsigned char m[6];
	struct lh_nl *nl;
	int ifindex, rc;
	bool up;

	if ((nl = lh_nl_open(err, errlen)) == NULL)
		return -1;
	rc = lh_nl_link(nl, ifname, &ifindex, m, &up);
	lh_nl_close(nl);
	if (rc == -1) {
		snprintf(err, errlen, "%s: no such interface", ifname);
		return -1;
	}
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
	return 0;
}

static int
launch(struct dsdl *h, const struct sa_conf *c, char *err, size_t errlen)
{
	const char *dir = dsdl_state_dir(h);
	char text[8192], cmd[8192], tap[IF_NAMESIZE], mac[18];
	int timeout = dsdl_method_timeout(h);

	sa_tap_name(dsdl_resource_name(h), tap);
	if (if_mac(c->ifname, mac, err, errlen) == -1 ||
	    sa_pdt_cmd(c->pdt, c->ifname, tap, mac, dir, cmd, sizeof(cmd), err,
	    errlen) == -1)
		return -1;
	if (sa_pdt_conf(&c->addrs, text, sizeof(text)) == -1 ||
	    put_file(dir, SA_CONF, text) == -1 ||
	    sa_env_text(dir, text, sizeof(text)) == -1 ||
	    put_file(dir, SA_ENV, text) == -1) {
		snprintf(err, errlen, "cannot write %s/%s or %s: %s", dir,
		    SA_CONF, SA_ENV, strerror(errno));
		return -1;
	}
	dsdl_log(h, LOG_INFO, "starting: %s", cmd);
	if (dsdl_pmf_start(h, DSDL_PMF_SVC, 0, cmd, 0) == -1 &&
	    errno != EALREADY) {
		snprintf(err, errlen, "cannot start pdt under PMF: %s",
		    strerror(errno));
		return -1;
	}
	if (wait_pdt(h, (long long)(timeout > 0 ? timeout : 60) * 800, text,
	    sizeof(text)) == -1) {
		snprintf(err, errlen, "pdt does not answer on %s/%s: %.300s",
		    dir, SA_SOCK, text);
		(void)dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM, 5000);
		return -1;
	}
	return 0;
}

/* Neighbours that cached the old GIN's MAC for the addresses switch at
 * once (gratuitous ARP, unsolicited NA: SUNW.LogicalHostname's
 * announce.c), not when their entry expires: until then they would keep
 * sending to the old GIN, whose kernel serves them itself when it holds
 * the address on lo, and drops them otherwise. */
static void
announce(struct dsdl *h, struct sa_conf *c)
{
	unsigned char mac[6];
	char err[512], want[128];
	struct lh_nl *nl;
	long long end = now_ms() + SA_FEED_WAIT_MS;
	int ifindex;
	bool up;

	/* rgmd gives pdt the services while this method runs (pdt_link.c):
	 * announced before, the clients' packets would reach a pdt that
	 * hands them to this node's kernel, which resets their connections.
	 * A SharedAddress no scalable resource uses gets none: bounded. */
	snprintf(want, sizeof(want), "address = \"%s\"", c->addrs.a[0].text);
	while (!sa_pdt_has(dsdl_state_dir(h), want) && now_ms() < end)
		usleep(50 * 1000);
	if ((nl = lh_nl_open(err, sizeof(err))) == NULL) {
		dsdl_log(h, LOG_WARNING, "%s", err);
		return;
	}
	if (lh_nl_link(nl, c->ifname, &ifindex, mac, &up) == 0)
		for (size_t i = 0; i < c->addrs.n; i++)
			if (lh_announce(&c->p[i], ifindex, mac, err,
			    sizeof(err)) == -1)
				dsdl_log(h, LOG_WARNING, "%s", err);
	lh_nl_close(nl);
}

static int
sa_start(struct dsdl *h)
{
	static struct sa_conf c;
	char err[512], msg[256];

	if (conf_read(h, &c, err, sizeof(err)) == -1 ||
	    quiet_kernel(h, &c, err, sizeof(err)) == -1 ||
	    launch(h, &c, err, sizeof(err)) == -1) {
		dsdl_log(h, LOG_ERR, "%s", err);
		(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, err);
		return 1;
	}
	announce(h, &c);
	snprintf(msg, sizeof(msg), "pdt on %s answers for %s%s", c.ifname,
	    c.addrs.a[0].text, c.addrs.n > 1 ? " and others" : "");
	dsdl_log(h, LOG_INFO, "%s", msg);
	(void)dsdl_set_status(h, DSDL_STATUS_OK, msg);
	return 0;
}

static int
sa_stop(struct dsdl *h)
{
	char tap[IF_NAMESIZE], err[512];
	int timeout = dsdl_method_timeout(h);

	/* A hung pdt may be stopped (SIGSTOP): let it take the SIGTERM. */
	(void)dsdl_pmf_signal(h, DSDL_PMF_SVC, 0, SIGCONT);
	if (dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM,
	    (timeout > 0 ? timeout : 60) * 800) == -1) {
		dsdl_log(h, LOG_ERR, "pdt does not stop: %s", strerror(errno));
		return 1;
	}
	sa_tap_name(dsdl_resource_name(h), tap);
	if (sa_guard_clear(tap, err, sizeof(err)) == -1) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return 1;
	}
	(void)dsdl_set_status(h, DSDL_STATUS_OFFLINE, "pdt stopped");
	return 0;
}

static int
sa_monitor_check(struct dsdl *h)
{
	static struct sa_conf c;
	unsigned char mac[6];
	struct lh_nl *nl;
	char err[512];
	int ifindex, rc = -1;
	bool up = false;

	if (conf_read(h, &c, err, sizeof(err)) == 0 &&
	    (nl = lh_nl_open(err, sizeof(err))) != NULL) {
		rc = lh_nl_link(nl, c.ifname, &ifindex, mac, &up);
		lh_nl_close(nl);
		if (rc == -1 || !up)
			snprintf(err, sizeof(err), "link %s is down or absent",
			    c.ifname);
	}
	if (rc == -1 || !up) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return 1;
	}
	return 0;
}

DSDL_TYPE(
	.name = "SUNW.SharedAddress",
	.start = sa_start,
	.stop = sa_stop,
	.validate = sa_validate,
	.probe = sa_probe,
	.monitor_check = sa_monitor_check,
);
