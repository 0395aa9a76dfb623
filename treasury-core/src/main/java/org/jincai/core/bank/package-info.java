/** The directory of agent bank profiles the hub routes payments to. */
package org.jincai.core.bank;
