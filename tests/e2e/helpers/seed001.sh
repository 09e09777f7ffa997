# seed001.sh - seed 001's northbound lines, as the seed writes them: switch
# ls0 with ports for ns1 and ns2 and the localport ls0-ns3 (present on both
# chassis).  Needs the test's step ARGS... (nbctl ARGS as a check).
seed001_switch() {
	step ls-add ls0
	step lsp-add ls0 ls0-ns1
	step lsp-set-addresses ls0-ns1 "00:00:00:aa:bb:10"
	step lsp-add ls0 ls0-ns2
	step lsp-set-addresses ls0-ns2 "00:00:00:aa:bb:20"
	step lsp-add ls0 ls0-ns3
	step lsp-set-addresses ls0-ns3 "00:00:00:aa:bb:30"
	step lsp-set-type ls0-ns3 localport
}
