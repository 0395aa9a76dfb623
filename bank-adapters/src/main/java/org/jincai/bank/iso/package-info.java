/**
 * ISO 20022 bank files: payment files as pain.001.001.09, bank answers from pain.002, and the XSD check
 * every ISO document passes before it is handed out.
 */
package org.jincai.bank.iso;
