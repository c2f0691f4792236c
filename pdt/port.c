// SPDX-License-Identifier: MIT
/*
 * port.c - DPDK port set-up and shutdown for pdt (main thread).
 *
 * The public port gets one rx and one tx queue per worker; with more than
 * one worker it hashes on the source address only (RSS L3_SRC_ONLY), so a
 * client's packets, fragments included, always reach the same worker and
 * the per-worker connection and affinity tables agree without sharing.
 * The forwarding port (if distinct) and the exception port get a tx queue
 * per worker; the exception port's one rx queue (the local kernel's
 * packets) is read by worker 0 and sent out of the public port.
 *
 * Jumbo frames: every port gets the MTU asked for (--mtu, 9000 by
 * default) or the largest it takes; where a frame does not fit an mbuf
 * (--mbuf-size), receive scatter chains mbufs and transmit takes chains
 * (offloads asked for when the port offers them; net_pcap chains anyway).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>

#include "dp.h"

/*
 * A port named by DPDK port id or device name; "" is no port
 * (PDT_NO_PORT).
 */
int pdt_port_resolve(const char *name, uint16_t *port)
{
	char *end;
	unsigned long v;

	if (!*name) {
		*port = PDT_NO_PORT;
		return 0;
	}
	v = strtoul(name, &end, 10);
	if (!*end && end != name) {
		if (!rte_eth_dev_is_valid_port((uint16_t)v) || v >= PDT_NO_PORT)
			return -1;
		*port = (uint16_t)v;
		return 0;
	}
	return rte_eth_dev_get_port_by_name(name, port) ? -1 : 0;
}

/* MTU and the offloads chained mbufs need, within what the port offers. */
static void setup_mtu(const struct pdt_dp *dp, uint16_t port,
		      const struct rte_eth_dev_info *info,
		      struct rte_eth_conf *conf)
{
	/* Ethernet header, CRC and a VLAN tag. */
	uint32_t over = RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN + 4;
	uint32_t mtu = dp->mtu, room = dp->mbuf_size - RTE_PKTMBUF_HEADROOM;

	if (mtu > info->max_mtu)
		mtu = info->max_mtu;
	if (info->max_rx_pktlen > over && mtu + over > info->max_rx_pktlen)
		mtu = info->max_rx_pktlen - over;
	if (mtu < info->min_mtu)
		mtu = info->min_mtu;
	if (mtu < dp->mtu)
		log_warn("port %u: MTU %u (the most it takes; %u asked for)",
			 port, mtu, dp->mtu);
	conf->rxmode.mtu = mtu;
	if (info->tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS)
		conf->txmode.offloads |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	if (mtu + over <= room)
		return;
	if (info->rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCATTER)
		conf->rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
	else
		log_warn("port %u: no receive scatter: frames over %u bytes "
			 "may be dropped by the port (raise --mbuf-size)",
			 port, room);
}

/*
 * Configures and starts one port with nrx rx and ntx tx queues (RSS on
 * the source address when nrx > 1); a negative errno on failure.
 */
static int setup_one(struct pdt_dp *dp, uint16_t port, uint16_t nrx,
		     uint16_t ntx)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t nrxd = 1024, ntxd = 1024;
	int r;

	memset(&conf, 0, sizeof(conf));
	r = rte_eth_dev_info_get(port, &info);
	if (r)
		return r;
	setup_mtu(dp, port, &info, &conf);
	if (nrx > info.max_rx_queues || ntx > info.max_tx_queues) {
		log_warn("port %u has %u rx / %u tx queues, %u / %u needed: "
			 "use fewer lcores", port, info.max_rx_queues,
			 info.max_tx_queues, nrx, ntx);
		return -EINVAL;
	}
	if (nrx > 1) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf =
			(RTE_ETH_RSS_IP | RTE_ETH_RSS_L3_SRC_ONLY) &
			info.flow_type_rss_offloads;
	}
	r = rte_eth_dev_configure(port, nrx, ntx, &conf);
	if (!r)
		r = rte_eth_dev_adjust_nb_rx_tx_desc(port, &nrxd, &ntxd);
	for (uint16_t q = 0; !r && q < nrx; q++)
		r = rte_eth_rx_queue_setup(port, q, nrxd,
					   rte_eth_dev_socket_id(port), NULL,
					   dp->pool);
	for (uint16_t q = 0; !r && q < ntx; q++)
		r = rte_eth_tx_queue_setup(port, q, ntxd,
					   rte_eth_dev_socket_id(port), NULL);
	if (!r)
		r = rte_eth_dev_start(port);
	if (!r)
		rte_eth_promiscuous_enable(port);
	return r;
}

/* Sets up and starts the public, forwarding and exception ports. */
int pdt_ports_setup(struct pdt_dp *dp)
{
	uint16_t nw = (uint16_t)dp->nworkers;
	struct rte_ether_addr a;
	int r;

	r = setup_one(dp, dp->pub, nw, nw);
	if (!r && dp->fwd != dp->pub)
		r = setup_one(dp, dp->fwd, 1, nw);
	if (!r && dp->exc != PDT_NO_PORT)
		r = setup_one(dp, dp->exc, 1, nw);
	if (r)
		return r;
	rte_eth_macaddr_get(dp->pub, &a);
	memcpy(dp->pub_mac, a.addr_bytes, 6);
	rte_eth_macaddr_get(dp->fwd, &a);
	memcpy(dp->fwd_mac, a.addr_bytes, 6);
	return 0;
}

static void close_one(uint16_t port)
{
	rte_eth_dev_stop(port);
	rte_eth_dev_close(port);
}

/* Stops and closes the ports; net_pcap flushes and closes its files. */
void pdt_ports_close(struct pdt_dp *dp)
{
	close_one(dp->pub);
	if (dp->fwd != dp->pub)
		close_one(dp->fwd);
	if (dp->exc != PDT_NO_PORT)
		close_one(dp->exc);
}
