# router_pair.sh - two switches joined by one logical router, as ctl
# arguments, for the tests that route between them.

# router_pair_args NETS1 NETS2: sets ROUTER_ARGS to the ctl arguments making
# ls1 and ls2 and router lr1 with ports lr1-ls1 (MAC 00:00:00:00:01:01,
# networks NETS1, space separated) and lr1-ls2 (00:00:00:00:01:02, NETS2),
# each with its switch port of type router, for a command line such as:
# ctl "${ENCAP_ARGS[@]}" -- "${ROUTER_ARGS[@]}" -- ...
router_pair_args() {
	local i nets
	ROUTER_ARGS=(ls-add ls1 -- ls-add ls2 -- lr-add lr1)
	for i in 1 2; do
		[ $i = 1 ] && nets=$1 || nets=$2
		# shellcheck disable=SC2206 # the networks are words
		ROUTER_ARGS+=(-- lrp-add lr1 "lr1-ls$i" "00:00:00:00:01:0$i" $nets
			-- lsp-add "ls$i" "ls$i-lr1" -- lsp-set-type "ls$i-lr1" router
			-- lsp-set-addresses "ls$i-lr1" router
			-- lsp-set-options "ls$i-lr1" "router-port=lr1-ls$i")
	done
}
