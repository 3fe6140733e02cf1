# musl starts threads on a 128 KiB stack by default, where glibc gives 8 MiB:
# librdkafka, which starts its own threads (main, one per broker, the mock
# cluster's), must not need more. rdstack, linked statically against the
# librdkafka entry, runs a produce and consume round trip of 20,000 zstd
# and lz4 messages through librdkafka's mock cluster (three brokers, over
# loopback TCP) in an empty root, with every thread on a 64 KiB stack: half
# of musl's default.
. "$(dirname "$0")/../lib.sh"
recipe_store
export GOSTATIC_FETCH=none-allowed
eval "$("$GOSTATIC" env librdkafka)" || fail "gostatic env failed"
# shellcheck disable=SC2046
"$CC" -static -O2 -o "$T/rdstack" "$SOURCE_ROOT/tests/fixtures/src/rdstack/rdstack.c" \
	$("$PKG_CONFIG" --cflags --libs rdkafka-static) || fail "rdstack does not build"
for kib in 64 128; do
	json --run-timeout 600 --run "$T/rdstack" -- "$kib" 20000
	check ".verdict == \"static\" and .runtime.result == \"ok\""
	check ".runtime.stdout_head == \"round trip ok: 20000 messages, $kib KiB stacks\n\""
done
exit 0
