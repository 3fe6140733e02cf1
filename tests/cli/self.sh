# gostatic verifies itself without mistaking its own tables for evidence:
# it holds UPX's and Go's marker texts only in a form that cannot match.
. "$(dirname "$0")/../lib.sh"
json -v "$GOSTATIC"
check '.go == null and .packer == null'
check '[.findings[].code] | (index("UPX_STRING") == null and index("PACKED_STRUCTURE") == null)'
check '.verdict == "dynamic" or .verdict == "static" or .verdict == "static-pie"'
exit 0
