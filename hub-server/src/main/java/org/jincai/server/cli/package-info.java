/** The command line: argument parsing, usage, exit codes, and the commands that start the application. */
package org.jincai.server.cli;
