/** ISO 20022 bank files: payment files as pain.001.001.09, bank answers from pain.002, and the simulated ISO bank. */
package org.jincai.bank.iso;
