#include "cli.h"
#include "rotate.h"

int
cmd_rotate_live(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'rotate --live' is not built yet"), EXIT_FAIL;
}
