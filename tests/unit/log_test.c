/* log_test.c - the one output channel: messages, steps, the status line */
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "test.h"

struct capture {
	char *obuf, *ebuf;
	size_t olen, elen;
	struct out o;
};

static void open_capture(struct capture *c, bool tty)
{
	FILE *out = open_memstream(&c->obuf, &c->olen), *err = open_memstream(&c->ebuf, &c->elen);

	out_init(&c->o, out, err);
	c->o.err_tty = tty;
}

static void close_capture(struct capture *c)
{
	fclose(c->o.out);
	fclose(c->o.err);
}

TEST(status_line_on_a_terminal)
{
	struct capture c;

	open_capture(&c, true);
	out_progress(&c.o, "[1/2] building %s... %d s", "zlib", 3);
	out_progress(&c.o, "[1/2] building %s... %d s", "zlib", 4);
	out_info(&c.o, "zlib %s: ready", "1.2.13");
	out_step(&c.o, 2, 2, "install");
	out_text(&c.o, "a tool's line");
	out_progress(&c.o, "[2/2] last");
	out_progress_clear(&c.o);
	close_capture(&c);
	CHECK_STR(c.ebuf, "\r\033[K[1/2] building zlib... 3 s\r\033[K[1/2] building zlib... 4 s\r\033[K"
			  "gostatic: zlib 1.2.13: ready\n[2/2] install\na tool's line\n\r\033[K[2/2] last\r\033[K");
	free(c.obuf);
	free(c.ebuf);
}

TEST(no_status_line_elsewhere_or_when_quiet)
{
	struct capture c;

	open_capture(&c, false);
	out_progress(&c.o, "[1/2] building");
	out_info(&c.o, "plain");
	close_capture(&c);
	CHECK_STR(c.ebuf, "gostatic: plain\n");
	free(c.obuf);
	free(c.ebuf);

	open_capture(&c, true);
	c.o.verbosity = -1;
	out_progress(&c.o, "[1/2] building");
	out_info(&c.o, "hidden");
	out_step(&c.o, 1, 1, "hidden");
	out_warn(&c.o, "hidden");
	out_error(&c.o, "shown");
	out_text(&c.o, "shown too\n");
	CHECK_INT(out_usage(&c.o, "build", "no package %s", "x"), 2);
	close_capture(&c);
	CHECK_STR(c.ebuf, "gostatic: error: shown\nshown too\ngostatic build: no package x\n(see 'gostatic build --help')\n");
	free(c.obuf);
	free(c.ebuf);
}
