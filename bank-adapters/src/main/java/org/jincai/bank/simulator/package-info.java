/** The bank simulator: an embedded SFTP server with a home per bank that answers payment files as a bank would. */
package org.jincai.bank.simulator;
