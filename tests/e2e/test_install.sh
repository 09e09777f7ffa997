#!/usr/bin/env bash
# make install into a DESTDIR: binaries, schema, systemd unit and man pages
# land where they belong, the man pages cover every verb and flag the
# sources define, and the installed binaries run (xovnd loads a chassis,
# xovnctl edits a model and reads the chassis' counters).
set -u
. "$(dirname "$0")/lib.sh"
e2e_begin install

DEST=$E2E_TMP/dest
HV=xi-hv-$SUF
PIN=$E2E_PIN_ROOT/hv1

check "make install DESTDIR=... PREFIX=/usr" \
	make -s -C "$E2E_ROOT" install DESTDIR="$DEST" PREFIX=/usr >"$E2E_TMP/make.log" 2>&1

for f in sbin/xovnd:755 bin/xovnctl:755 share/xovn/nb.schema.json:644 \
	lib/systemd/system/xovnd@.service:644 share/man/man8/xovnd.8:644 \
	share/man/man8/xovnctl.8:644; do
	check "installed /usr/${f%%:*} mode ${f##*:}" \
		test "$(stat -c %a "$DEST/usr/${f%%:*}" 2>/dev/null)" = "${f##*:}"
done

UNIT=$DEST/usr/lib/systemd/system/xovnd@.service
check "the unit starts the installed xovnd for the instance's chassis" \
	grep -qx 'ExecStart=/usr/sbin/xovnd --chassis %i $XOVND_OPTS' "$UNIT"
check_not "no placeholder is left in the unit" grep -q '@[A-Z]*@' "$UNIT"

render() { MANWIDTH=200 man -l "$1" 2>/dev/null; }
XOVNCTL_MAN=$(render "$DEST/usr/share/man/man8/xovnctl.8")
XOVND_MAN=$(render "$DEST/usr/share/man/man8/xovnd.8")
check "xovnctl(8) renders" grep -q '^NAME' <<<"$XOVNCTL_MAN"
check "xovnd(8) renders" grep -q '^NAME' <<<"$XOVND_MAN"

# Every verb of xovnctl's command tables, and every option its sources parse.
missing=()
for verb in $(grep -ho '^	{ "[a-z0-9-]*",' "$E2E_ROOT"/ctl/*.c | grep -o '"[^"]*"' | tr -d '"'); do
	grep -qw -- "$verb" <<<"$XOVNCTL_MAN" || missing+=("$verb")
done
for opt in $(grep -ho 'cmp([^)]*"--[a-z-]*' "$E2E_ROOT"/ctl/*.c | grep -o '"--[a-z-]*' |
	tr -d '"' | sort -u); do
	grep -q -- "$opt" <<<"$XOVNCTL_MAN" || missing+=("$opt")
done
check "xovnctl(8) covers every verb and option (missing: ${missing[*]:-none})" \
	test "${#missing[@]}" -eq 0
missing=()
for opt in $(grep -o '{ "[a-z-]*", [a-z_]*argument' "$E2E_ROOT/loader/options.c" | cut -d'"' -f2); do
	grep -q -- "--$opt" <<<"$XOVND_MAN" || missing+=("--$opt")
done
check "xovnd(8) covers every option (missing: ${missing[*]:-none})" test "${#missing[@]}" -eq 0

echo "the installed binaries run"
IDB=$E2E_TMP/installed.json
ictl() { "$DEST/usr/bin/xovnctl" --db "$IDB" "$@"; }
netns_add "$HV"
ip -n "$HV" link add vif1 type veth peer name vif1p
check "installed xovnctl edits a model" \
	ictl ls-add sw0 -- lsp-add sw0 p1 -- lsp-set-addresses p1 "02:00:00:00:05:01 10.0.0.1" \
	-- chassis-add hv1 geneve 192.0.2.1 -- vif-attach hv1 vif1 p1
check "installed xovnctl shows it" grep -q 'port p1' <<<"$(ictl show)"
check "xovn-nbctl is installed as a link to xovnctl" \
	test "$(readlink "$DEST/usr/bin/xovn-nbctl")" = xovnctl
check_not "nothing is installed under OVN's own names" \
	test -e "$DEST/usr/bin/ovn-nbctl" -o -e "$DEST/usr/bin/ovn-sbctl"
check "xovn-nbctl takes ovn-nbctl's generic commands" test "$("$DEST/usr/bin/xovn-nbctl" \
	--db "$IDB" --bare --columns name find logical_switch_port name=p1)" = p1
E2E_CHASSIS+=("$HV:$PIN")
check "installed xovnd loads the chassis once" \
	nsenter --net="/run/netns/$HV" "$DEST/usr/sbin/xovnd" --chassis hv1 --db "$IDB" \
	--pin-dir "$PIN" --once
check "its maps are pinned" test -e "$PIN/xovn_ports"
check "installed xovnctl reads the chassis' counters" \
	grep -q '"port-security-src"' <<<"$(ictl stats --json --pin-dir "$PIN")"
check "installed xovnd --cleanup removes the pins" \
	nsenter --net="/run/netns/$HV" "$DEST/usr/sbin/xovnd" --chassis hv1 --pin-dir "$PIN" --cleanup
check_not "pins are gone" test -e "$PIN/xovn_ports"

e2e_end
