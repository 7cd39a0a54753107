/*
 * logtool: archive, index, query and analyze Serilog logs.
 *
 * main() looks the first argument up in the command table and runs that
 * subcommand; everything else lives in the subcommands and the core.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "timeutil.h"

struct command {
	const char	*name;
	int		(*run)(int argc, char **argv);
	const char	*summary;
	int		 write_failure;	/* exit status when standard output
					   cannot be written */
};

/* analyze and query exit 1 for a finding (a SEV-2 window, no match), so
 * an output they could not write must exit 2, not look like one. */
static const struct command commands[] = {
	{ "cat", cmd_cat, "print the records of log files", EXIT_FAIL },
	{ "rotate", cmd_rotate, "archive closed log files into bundles",
	    EXIT_FAIL },
	{ "index", cmd_index, "add records to the SQLite index", EXIT_FAIL },
	{ "query", cmd_query, "search the index", EXIT_USAGE },
	{ "sql", cmd_sql, "run read-only SQL on the index", EXIT_FAIL },
	{ "analyze", cmd_analyze, "compute error-rate windows", EXIT_USAGE },
	{ "report", cmd_report, "write a post-mortem HTML report",
	    EXIT_FAIL },
};

static void
print_usage(FILE *out)
{
	fputs("usage: logtool COMMAND [OPTION]... [ARG]...\n\n"
	    "Commands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s  %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\nRun 'logtool COMMAND --help' for a command's options, or "
	    "see logtool(1).\n", out);
}

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
print_warning(const char *message)
{
	warning("%s", message);
}

int
main(int argc, char **argv)
{
	static char progname[64];
	const struct command *cmd;

	/* Output formats and parsing must not change with the locale. */
	setlocale(LC_ALL, "C");
	/* A closed pipe (logtool ... | head) ends output quietly. */
	watch_broken_pipe();
	lt_set_warn_hook(print_warning);

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0 &&
		    (cmd = find_command(argv[2])) != NULL) {
			char *help_argv[] = { argv[2], "--help", NULL };
			return finish_output(cmd->run(2, help_argv),
			    cmd->write_failure);
		}
		print_usage(stdout);
		return finish_output(EXIT_OK, EXIT_FAIL);
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("logtool " LOGTOOL_VERSION);
		return finish_output(EXIT_OK, EXIT_FAIL);
	}
	/* A mistyped LOGTOOL_NOW must not silently mean the real clock. */
	if (lt_now_check() < 0) {
		error_core();
		return EXIT_USAGE;
	}
	cmd = find_command(argv[1]);
	if (cmd == NULL) {
		error("unknown command '%s'", argv[1]);
		print_usage(stderr);
		return EXIT_USAGE;
	}
	/* getopt_long() names the program by argv[0] in its messages. */
	snprintf(progname, sizeof(progname), "logtool %s", cmd->name);
	argv[1] = progname;
	optind = 1;
	return finish_output(cmd->run(argc - 1, argv + 1), cmd->write_failure);
}
