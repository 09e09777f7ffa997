# shellcheck shell=bash
# nbctl_compare.sh - one command line through Debian's ovn-nbctl (on a
# scratch NB ovsdb-server on a unix socket) and through xovnctl (on the
# test's own db), and what both say compared.  Source after lib.sh,
# e2e_begin and ovn_central.sh.
#
#   nb_scratch_start    the scratch NB ovsdb-server, checked listening
#   same LINE           both give the same exit status and the same output
#   same_lines          `check "same: LINE" same LINE` for each line of stdin

nb_scratch_start() {
	mkdir -p "$OVN_DIR"
	ovsdb-tool create "$OVN_DIR/nb.db" "$OVN_SCHEMAS/ovn-nb.ovsschema" >/dev/null
	ovn_run nb ovsdb-server "$OVN_DIR/nb.db" --remote="punix:$OVN_DIR/nb.sock" \
		--unixctl="$OVN_DIR/nb.ctl"
	check "the NB ovsdb-server listens" until_ok 10 test -S "$OVN_DIR/nb.sock"
}

UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

# show's records, and the port and NAT blocks within each, in sorted order
# (OVSDB lists rows in hash order, xovnctl in the model's).
sort_show() {
	awk 'function flush() { if (b != "") print h "\t" b; b = "" }
	     /^[^ ]/ { flush(); h = $0; print h "\t"; next }
	     /^    (port|nat) / { flush(); b = $0; next }
	     { b = b "\001" $0 }
	     END { flush() }' | LC_ALL=C sort |
		awk -F'\t' '$1 != last { print $1; last = $1 }
			    $2 != "" { gsub("\001", "\n", $2); print $2 }'
}

# show's "gateway chassis: [A B]" in sorted order: ovn-nbctl prints the
# OVSDB set's order (by row UUID), xovnctl the priority order.
sort_gateways() {
	awk '/^        gateway chassis: \[/ {
		s = $0; sub(/^        gateway chassis: \[/, "", s); sub(/\]$/, "", s)
		n = split(s, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		s = a[1]; for (i = 2; i <= n; i++) s = s " " a[i]
		print "        gateway chassis: [" s "]"; next }
	     { print }'
}

# Output with UUIDs and the program name masked, xovnctl's marks of
# incomplete configuration (show's "(inactive: ...)", which ovn-nbctl does
# not have) removed; show's blocks sorted.
normalize() {
	local text
	text=$(sed -E "s/$UUID_RE/UUID/g; s/^(ovn-nbctl|xovnctl): //; s/ \(inactive: .*\)$//")
	case $text in
	switch\ * | router\ *) sort_gateways <<<"$text" | sort_show ;;
	*) printf '%s\n' "$text" ;;
	esac
}

# same LINE: the line through both programs, compared.
same() {
	local line=$1 orc xrc
	eval "ovn-nbctl --db=$OVN_NB --timeout=20 $line" >"$E2E_TMP/o.out" 2>"$E2E_TMP/o.err"
	orc=$?
	eval "\"$XOVNCTL\" --db \"$DB\" $line" >"$E2E_TMP/x.out" 2>"$E2E_TMP/x.err"
	xrc=$?
	[ "$orc" = "$xrc" ] || { echo "    exit: ovn-nbctl $orc, xovnctl $xrc"; cat "$E2E_TMP/x.err"; return 1; }
	diff <(normalize <"$E2E_TMP/o.out") <(normalize <"$E2E_TMP/x.out") || return 1
	[ "$orc" = 0 ] || diff <(normalize <"$E2E_TMP/o.err") <(normalize <"$E2E_TMP/x.err")
}

same_lines() {
	local line
	while IFS= read -r line; do
		[ -n "$line" ] && check "same: $line" same "$line"
	done
}
