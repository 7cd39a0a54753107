#include "cli.h"
#include "cmds.h"

int
cmd_query(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'query' is not built yet"), EXIT_FAIL;
}
