/**
 * The {@code mer} command line: argument parsing, help, exit codes and terminal output. Thin by
 * design: each subcommand turns its options into a call of a library module.
 */
package dev.mer.cli;
