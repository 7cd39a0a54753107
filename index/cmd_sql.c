#include "cli.h"
#include "cmds.h"

int
cmd_sql(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'sql' is not built yet"), EXIT_FAIL;
}
