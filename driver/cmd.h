/* cmd.h - the subcommands of gostatic; each parses its own options and
 * returns the process exit status (0 ok, 1 job failed, 2 usage/I/O) */
#ifndef GS_CMD_H
#define GS_CMD_H

/* gostatic verify [options] FILE... [-- ARGS...]; argv[0] is "verify". */
int cmd_verify(int argc, const char **argv);

/* gostatic sysroot create|fetch|list|path|remove [--target T]. */
int cmd_sysroot(int argc, const char **argv);

/* gostatic build [--target T] [-o OUT] [--run-check] [go flags] PKG... */
int cmd_build(int argc, const char **argv);

/* gostatic recipe list|show|fetch|build [NAME...]. */
int cmd_recipe(int argc, const char **argv);

/* gostatic env [--target T]. */
int cmd_env(int argc, const char **argv);

/* gostatic doctor. */
int cmd_doctor(int argc, const char **argv);

#endif
