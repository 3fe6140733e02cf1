/* test.h - a tiny self-registering unit test harness
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(s, "a"); }
 *
 * Each test file is linked with test_main.c into one executable; running
 * it runs every test (or those named on the command line) and exits 1 if
 * any check failed. */
#ifndef GS_TEST_H
#define GS_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

void test_register(const char *name, void (*fn)(void));
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define TEST(name)                                                        \
	static void name(void);                                           \
	__attribute__((constructor)) static void register_##name(void)    \
	{                                                                 \
		test_register(#name, name);                               \
	}                                                                 \
	static void name(void)

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			test_fail(__FILE__, __LINE__, "%s", #cond);       \
	} while (0)

#define CHECK_MSG(cond, ...)                                              \
	do {                                                              \
		if (!(cond))                                              \
			test_fail(__FILE__, __LINE__, __VA_ARGS__);       \
	} while (0)

#define CHECK_STR(a, b)                                                   \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		if (!a_ || !b_ || strcmp(a_, b_))                         \
			test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", \
				  #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");  \
	} while (0)

#define CHECK_INT(a, b)                                                   \
	do {                                                              \
		long long a_ = (long long)(a), b_ = (long long)(b);       \
		if (a_ != b_)                                             \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", \
				  #a, a_, b_);                            \
	} while (0)

#endif
