/**
 * Bank payment files and bank answers, independent of any one bank's layout: the model, deterministic
 * file names, splitting by a bank's limits, the character-set policy ({@link org.jincai.bank.file.Transliteration})
 * and the error codes.
 */
package org.jincai.bank.file;
