# gostatic verifies itself without mistaking its own tables for evidence:
# it holds UPX's and Go's marker texts only in forms that cannot match.
# Built normally it is dynamic and cannot start in an empty root; linked
# with -static (scripts/test.sh does that too) it starts there.
. "$(dirname "$0")/../lib.sh"
json -v --run "$GOSTATIC" -- --version
check '.go == null and .packer == null'
check '[.findings[].code] | (index("UPX_STRING") == null and index("PACKED_STRUCTURE") == null)'
check '.libc.nss_evidence | map(test("Go")) | any | not'
case $(jq -r .verdict "$T/out") in
dynamic)
	check '.runtime.result == "interp-missing"'
	;;
static | static-pie | static-with-runtime-loading)
	check '.runtime.result == "ok" and (.runtime.stdout_head | test("^gostatic [0-9]"))'
	;;
*)
	fail "unexpected verdict for gostatic itself: $(jq -r .verdict "$T/out")"
	;;
esac
exit 0
