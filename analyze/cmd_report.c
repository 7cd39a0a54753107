/* Placeholder until the report command lands. */
#include "cli.h"
#include "cmds.h"

int
cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'report' is not built yet"), EXIT_FAIL;
}
