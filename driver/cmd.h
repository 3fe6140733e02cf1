/* cmd.h - the subcommands of gostatic; each parses its own options and
 * returns the process exit status (0 ok, 1 job failed, 2 usage/I/O) */
#ifndef GS_CMD_H
#define GS_CMD_H

/* gostatic verify [options] FILE... [-- ARGS...]; argv[0] is "verify". */
int cmd_verify(int argc, const char **argv);

/* gostatic sysroot create|fetch|list|path|remove [--target T]. */
int cmd_sysroot(int argc, const char **argv);

#endif
