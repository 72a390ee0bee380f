/* The command line: global options, subcommands, exit codes. */
#ifndef DORN_CLI_H
#define DORN_CLI_H

/* Run dorn with these arguments; returns the process exit code. */
int dorn_cli_main(int argc, char **argv);

#endif
