/* Placeholder until the cat command lands. */
#include "cli.h"
#include "cmds.h"

int
cmd_cat(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'cat' is not built yet"), EXIT_FAIL;
}
