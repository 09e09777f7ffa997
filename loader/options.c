// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * options.c - parsing xovnd's command line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "options.h"

#define DEFAULT_PIN_ROOT "/sys/fs/bpf/xovn"

static const char usage_text[] =
	"usage: xovnd --chassis NAME [--db FILE] [--pin-dir DIR] [--metrics ADDR:PORT]\n"
	"             [--underlay-xdp] [--ovn-remote REMOTES [--ovn-nb-remote REMOTES]]\n"
	"             [--model-out FILE] [--nat-timeouts SPEC] [--bfd-min-rx MS]\n"
	"             [--bfd-min-tx MS] [--bfd-mult N] [--no-bfd] [--cleanup] [--once] [-v]\n"
	"\n"
	"Loads the xovn datapath for chassis NAME, attaches it to the chassis'\n"
	"interfaces and keeps the BPF maps equal to the northbound model.\n"
	"\n"
	"  --chassis NAME  this chassis, as named in the model (required)\n"
	"  --db FILE       the model (default: $XOVN_DB, else /var/lib/xovn/nb.json)\n"
	"  --pin-dir DIR   where maps are pinned (default: " DEFAULT_PIN_ROOT "/NAME)\n"
	"  --metrics ADDR:PORT\n"
	"                  serve Prometheus metrics at http://ADDR:PORT/metrics\n"
	"                  (per-port rx/tx, drops by reason, map fill levels, model\n"
	"                  generation); [V6ADDR]:PORT for IPv6\n"
	"  --underlay-xdp  also attach an XDP guard to the underlay interface: Geneve\n"
	"                  that would be dropped (malformed, unknown VNI or port) is\n"
	"                  dropped and counted before the kernel builds an skb; the\n"
	"                  rest passes on to TC.  Native mode, else generic.  Off by\n"
	"                  default: worth it on a physical NIC, but on a veth\n"
	"                  underlay XDP takes TSO away from the peer\n"
	"  --ovn-remote tcp:IP:PORT[,tcp:IP2:PORT...] | unix:PATH\n"
	"                  take the model from OVN's Southbound database, as\n"
	"                  ovn-controller does: register this chassis, claim the\n"
	"                  ports of its interfaces, report nb_cfg.  --db then holds\n"
	"                  only this chassis' local configuration (chassis-add NAME\n"
	"                  geneve IP, chassis-set-encap-iface, bridge mappings,\n"
	"                  vif-attach IFACE PORT)\n"
	"  --ovn-nb-remote tcp:IP:PORT[,tcp:IP2:PORT...] | unix:PATH\n"
	"                  with --ovn-remote: also read OVN's Northbound database\n"
	"                  (read-only) for what the Southbound does not hold: the\n"
	"                  logical routers' static routes and options.  Without it\n"
	"                  routers have their connected networks only\n"
	"  --model-out FILE\n"
	"                  write the model in force to FILE (JSON, the schema of\n"
	"                  the --db file) whenever it changes, replacing FILE\n"
	"                  atomically: with --ovn-remote, what xovnd built from\n"
	"                  OVN's databases\n"
	"  --bfd-min-rx MS, --bfd-min-tx MS, --bfd-mult N\n"
	"                  BFD (RFC 5880, inside the Geneve tunnel as Open vSwitch\n"
	"                  runs it) with every chassis sharing a gateway group with\n"
	"                  this one: the shortest intervals at which this chassis\n"
	"                  receives and sends, in ms, and the detection multiplier\n"
	"                  (default 200, 200, 3: a dead chassis is noticed within\n"
	"                  600 ms).  A session that goes Down takes its chassis out\n"
	"                  of every HA chassis group and gateway until it is Up\n"
	"  --no-bfd        run no BFD session: chassis liveness is the model's alone\n"
	"  --nat-timeouts tcp=S,tcp-closing=S,udp=S,icmp=S,other=S\n"
	"                  idle seconds after which a NAT connection is removed, any\n"
	"                  subset (default tcp=7440,tcp-closing=120,udp=180,icmp=30,\n"
	"                  other=600); tcp-closing counts from a FIN or RST\n"
	"  --once          apply the model once and exit, leaving the datapath running\n"
	"  --cleanup       detach every program this chassis attached, remove the\n"
	"                  pins and exit: the datapath stops forwarding\n"
	"  -v, --verbose   log every step\n"
	"  -h, --help      this text\n"
	"\n"
	"Signals: SIGTERM and SIGINT stop the daemon but leave the datapath running\n"
	"(programs stay attached, maps stay pinned) so that a restart is hitless:\n"
	"the next xovnd reuses the pinned maps and replaces the programs in place.\n"
	"SIGHUP reloads the model.  Use --cleanup to take the datapath down.\n";

static int copy_arg(char *dst, size_t len, const char *src, const char *what)
{
	if (strlen(src) >= len) {
		fprintf(stderr, "xovnd: %s is too long: %s\n", what, src);
		return -1;
	}
	strcpy(dst, src);
	return 0;
}

/* A whole number in [lo, hi]. */
static int parse_uint(unsigned *dst, const char *src, unsigned lo, unsigned hi, const char *what)
{
	char *end;
	unsigned long v = strtoul(src, &end, 10);

	if (!*src || *end || src[0] == '-' || v < lo || v > hi) {
		fprintf(stderr, "xovnd: %s must be a whole number from %u to %u: %s\n", what, lo, hi,
			src);
		return -1;
	}
	*dst = (unsigned)v;
	return 0;
}

static int parse_bfd(int c, struct xovnd_options *opt)
{
	switch (c) {
	case 'r':
		return parse_uint(&opt->bfd_min_rx_ms, optarg, 1, 60000, "--bfd-min-rx");
	case 't':
		return parse_uint(&opt->bfd_min_tx_ms, optarg, 1, 60000, "--bfd-min-tx");
	case 'u':
		return parse_uint(&opt->bfd_mult, optarg, 1, 255, "--bfd-mult");
	default:
		opt->bfd_mult = 0;
		opt->bfd_min_rx_ms = opt->bfd_min_tx_ms = 0;
		return 1;   /* --no-bfd: stays off whatever else is given */
	}
}

static int parse_nat_timeouts(struct xovnd_options *opt, const char *spec)
{
	char err[256];

	if (xovn_nat_timeouts_parse(spec, &opt->nat_timeouts, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "xovnd: %s\n", err);
	return -1;
}

static int parse_one(int c, struct xovnd_options *opt)
{
	switch (c) {
	case 'c':
		return copy_arg(opt->chassis, sizeof(opt->chassis), optarg, "chassis name");
	case 'd':
		return copy_arg(opt->db, sizeof(opt->db), optarg, "db path");
	case 'p':
		return copy_arg(opt->pin_dir, sizeof(opt->pin_dir), optarg, "pin dir");
	case 'C':
		opt->cleanup = 1;
		return 0;
	case 'o':
		opt->once = 1;
		return 0;
	case 'v':
		opt->verbose = 1;
		return 0;
	case 'm':
		return copy_arg(opt->metrics, sizeof(opt->metrics), optarg, "metrics address");
	case 'x':
		opt->underlay_xdp = 1;
		return 0;
	case 'R':
		return copy_arg(opt->ovn_remote, sizeof(opt->ovn_remote), optarg, "OVN remote");
	case 'N':
		return copy_arg(opt->ovn_nb_remote, sizeof(opt->ovn_nb_remote), optarg,
				"OVN NB remote");
	case 'M':
		return copy_arg(opt->model_out, sizeof(opt->model_out), optarg, "model output path");
	case 'r':
	case 't':
	case 'u':
	case 'B':
		return parse_bfd(c, opt);
	case 'T':
		return parse_nat_timeouts(opt, optarg);
	default:
		fputs(usage_text, stderr);
		return -1;
	}
}

static int fill_defaults(struct xovnd_options *opt)
{
	if (!opt->chassis[0]) {
		fprintf(stderr, "xovnd: --chassis NAME is required\n%s", usage_text);
		return -1;
	}
	if (strchr(opt->chassis, '/')) {
		fprintf(stderr, "xovnd: chassis name may not contain '/': %s\n", opt->chassis);
		return -1;
	}
	if (opt->ovn_nb_remote[0] && !opt->ovn_remote[0]) {
		fprintf(stderr, "xovnd: --ovn-nb-remote needs --ovn-remote (the Southbound)\n");
		return -1;
	}
	if (!opt->db[0] && copy_arg(opt->db, sizeof(opt->db), xovn_default_db(), "db path") < 0)
		return -1;
	if (!opt->pin_dir[0] &&
	    snprintf(opt->pin_dir, sizeof(opt->pin_dir), "%s/%s", DEFAULT_PIN_ROOT,
		     opt->chassis) >= (int)sizeof(opt->pin_dir)) {
		fprintf(stderr, "xovnd: pin dir path is too long\n");
		return -1;
	}
	return 0;
}

int options_parse(int argc, char **argv, struct xovnd_options *opt)
{
	static const struct option longopts[] = {
		{ "chassis", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "pin-dir", required_argument, NULL, 'p' },
		{ "cleanup", no_argument, NULL, 'C' },
		{ "once", no_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "metrics", required_argument, NULL, 'm' },
		{ "underlay-xdp", no_argument, NULL, 'x' },
		{ "ovn-remote", required_argument, NULL, 'R' },
		{ "ovn-nb-remote", required_argument, NULL, 'N' },
		{ "model-out", required_argument, NULL, 'M' },
		{ "bfd-min-rx", required_argument, NULL, 'r' },
		{ "bfd-min-tx", required_argument, NULL, 't' },
		{ "bfd-mult", required_argument, NULL, 'u' },
		{ "no-bfd", no_argument, NULL, 'B' },
		{ "nat-timeouts", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, no_bfd = 0, rc;

	memset(opt, 0, sizeof(*opt));
	opt->bfd_min_rx_ms = opt->bfd_min_tx_ms = XOVND_BFD_INTERVAL_MS;
	opt->bfd_mult = XOVND_BFD_MULT;
	xovn_nat_timeouts_default(&opt->nat_timeouts);
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return 1;
		}
		rc = parse_one(c, opt);
		if (rc < 0)
			return -1;
		no_bfd |= rc > 0;
	}
	if (no_bfd)
		parse_bfd('B', opt);
	if (optind < argc) {
		fprintf(stderr, "xovnd: unexpected argument: %s\n", argv[optind]);
		return -1;
	}
	return fill_defaults(opt);
}
