# A file without execute permission cannot be run: the check says so
# (EACCES), keeps the verdict from the bytes, and fails the file.
. "$(dirname "$0")/../lib.sh"
need m_static
cp "$FIXTURES/m_static" "$T/prog"
chmod 644 "$T/prog"
json --run "$T/prog"
[ $? -eq 1 ] || fail "a file that could not be run must fail"
check '.verdict == "static" and .runtime.result == "exec-failed" and .runtime.errno == "EACCES"'
check '.findings[] | select(.code == "RUNTIME_EXEC_FAILED") | .message | test("execute permission")'
exit 0
