/* jobs_test.c - the job runner: order, slots, failures (real child processes) */
#include <stdlib.h>
#include <unistd.h>

#include "jobs.h"
#include "test.h"

static int nap(void *ctx)
{
	(void)ctx;
	usleep(50 * 1000);
	return 0;
}

static int broken(void *ctx)
{
	(void)ctx;
	return 3;
}

static int crash(void *ctx)
{
	(void)ctx;
	abort();
}

TEST(dependencies_run_first)
{
	static const size_t on_a[] = { 0 }, on_b[] = { 1 };
	struct job jobs[] = {
		{ .label = "a", .run = nap, .cpu = true },
		{ .label = "b", .run = nap, .cpu = true, .deps = on_a, .ndeps = 1 },
		{ .label = "c", .run = nap, .cpu = true, .deps = on_b, .ndeps = 1 },
	};

	CHECK_INT(jobs_run(jobs, 3, 4, 4), 0);
	for (int i = 0; i < 3; i++)
		CHECK_INT(jobs[i].state, JOB_OK);
	CHECK(jobs[1].start >= jobs[0].end);
	CHECK(jobs[2].start >= jobs[1].end);
}

TEST(slots_bound_the_cpu_jobs)
{
	struct job jobs[4];

	for (int i = 0; i < 4; i++)
		jobs[i] = (struct job){ .label = "n", .run = nap, .cpu = true };
	CHECK_INT(jobs_run(jobs, 4, 2, 4), 0);
	/* at no job's start were more than two others running */
	for (int i = 0; i < 4; i++) {
		int running = 0;

		for (int k = 0; k < 4; k++)
			if (k != i && jobs[k].start <= jobs[i].start && jobs[k].end > jobs[i].start)
				running++;
		CHECK_MSG(running < 2, "job %d started while %d others ran", i, running);
	}
}

TEST(io_jobs_start_first_and_do_not_take_cpu_slots)
{
	struct job jobs[] = {
		{ .label = "build", .run = nap, .cpu = true },
		{ .label = "fetch1", .run = nap },
		{ .label = "fetch2", .run = nap },
	};

	CHECK_INT(jobs_run(jobs, 3, 1, 4), 0);
	CHECK(jobs[1].start <= jobs[0].start && jobs[2].start <= jobs[0].start);
	CHECK(jobs[0].start < jobs[1].end);      /* the CPU slot was free for it */
}

TEST(a_failure_stops_the_run)
{
	static const size_t on_a[] = { 0 };
	struct job jobs[] = {
		{ .label = "a", .run = broken, .cpu = true },
		{ .label = "b", .run = nap, .cpu = true, .deps = on_a, .ndeps = 1 },
		{ .label = "c", .run = crash, .cpu = true },
		{ .label = "d", .run = nap, .cpu = true },
	};

	/* one slot: a fails, b needs a, and c and d never start */
	CHECK_INT(jobs_run(jobs, 4, 1, 1), 1);
	CHECK_INT(jobs[0].state, JOB_FAILED);
	CHECK_INT(jobs[0].status, 1);
	CHECK_INT(jobs[1].state, JOB_SKIPPED);
	CHECK_INT(jobs[2].state, JOB_SKIPPED);
	CHECK_INT(jobs[3].state, JOB_SKIPPED);
}

TEST(a_killed_job_fails)
{
	struct job jobs[] = { { .label = "c", .run = crash, .cpu = true } };

	CHECK_INT(jobs_run(jobs, 1, 1, 1), 1);
	CHECK_INT(jobs[0].state, JOB_FAILED);
	CHECK(jobs[0].status > 128);
	CHECK(jobs_cpus() >= 1);
}
