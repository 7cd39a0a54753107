/* Placeholder until the rotate command lands. */
#include "cli.h"
#include "cmds.h"

int
cmd_rotate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'rotate' is not built yet"), EXIT_FAIL;
}
