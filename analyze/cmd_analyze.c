/* Placeholder until the analyze and report commands land. */
#include "cli.h"
#include "cmds.h"

int
cmd_analyze(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'analyze' is not built yet"), EXIT_FAIL;
}

int
cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'report' is not built yet"), EXIT_FAIL;
}
