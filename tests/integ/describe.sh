#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that registering a type does not stop rgmd's event loop while
# the module is described (rgmd-runner --describe may take up to 10 s):
# with a runner whose --describe is held until the test releases it,
# scstat answers while the description is still running, and the
# registration then completes. (rgmd used to wait for the runner with the
# loop stopped, so scstat hung until the description had ended.)
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rgmd_lib.sh"
trap rgmd_cleanup EXIT
rgmd_setup
# A runner that holds --describe while $W/hold exists.
cat >"$W/runner.sh" <<SH
#!/bin/sh
if [ "\$1" = --describe ]; then
	echo \$\$ > "$W/describing"
	while [ -e "$W/hold" ]; do sleep 0.05; done
	rm -f "$W/describing"
fi
exec "$BIN/rgmd-runner" "\$@"
SH
chmod 755 "$W/runner.sh"
sed -i "s|^runner = .*|runner = \"$W/runner.sh\";|" "$W/rgmd.conf"
rgmd_start

touch "$W/hold"
scrgadm -a -t TEST.faulty >"$W/reg.out" 2>&1 &
reg=$!
EXTRA_PIDS="$reg"
check "the module is being described" wait_until 10 test -e "$W/describing"
check "scstat answers meanwhile" sh -c "timeout 30 scstat -g >/dev/null"
check "the description was still running" kill -0 "$(cat "$W/describing")"
rm -f "$W/hold"
check "the registration completes" wait "$reg"
check "the type is registered" sh -c "scrgadm -p | grep -q TEST.faulty"
finish
