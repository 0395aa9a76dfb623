/** Operator checks of a counterpart's SFTP connection: host key, login, configured folders. */
package org.jincai.bank.check;
