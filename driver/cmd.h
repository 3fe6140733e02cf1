/* cmd.h - the subcommands of gostatic, declared from the one table in
 * commands.def: int cmd_NAME(int argc, const char **argv). Each command's
 * usage text lives in its own cmd_NAME.c. */
#ifndef GS_CMD_H
#define GS_CMD_H

#define GS_COMMAND(name, summary) int cmd_##name(int argc, const char **argv);
#include "commands.def"
#undef GS_COMMAND

#endif
