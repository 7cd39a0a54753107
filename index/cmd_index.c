/* Placeholder until the index, query and sql commands land. */
#include "cli.h"
#include "cmds.h"

int
cmd_index(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'index' is not built yet"), EXIT_FAIL;
}

int
cmd_query(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'query' is not built yet"), EXIT_FAIL;
}

int
cmd_sql(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'sql' is not built yet"), EXIT_FAIL;
}
