/*
 * The subcommands of logtool.
 *
 * Each subcommand is one function `int cmd_NAME(int argc, char **argv)`
 * that receives argv[0] == "logtool NAME", parses its own options with
 * getopt_long(), and returns its exit status (EXIT_OK, EXIT_FAIL,
 * EXIT_USAGE from cli.h). It prints through cli.h and never calls exit().
 *
 * Adding a subcommand:
 *   1. write cmd_NAME in the folder of its concern (rotate/, index/,
 *      analyze/, or logtool/ for general commands) and declare it here;
 *   2. add a row to the command table in logtool/main.c;
 *   3. support --help (usage on stdout, exit 0) and write man/logtool-NAME.1
 *      with an EXIT STATUS section;
 *   4. add CLI tests under tests/cli/ and unit tests under tests/unit/.
 */
#ifndef LT_CMDS_H
#define LT_CMDS_H

int	cmd_cat(int argc, char **argv);
int	cmd_rotate(int argc, char **argv);
int	cmd_index(int argc, char **argv);
int	cmd_query(int argc, char **argv);
int	cmd_sql(int argc, char **argv);
int	cmd_analyze(int argc, char **argv);
int	cmd_report(int argc, char **argv);

#endif
