/**
 * Bank adapters: the registry {@link org.jincai.bank.BankFormats} that maps a bank profile's formats to
 * the writers, answer readers and simulated banks of this module.
 */
package org.jincai.bank;
