/** Bank payment files and bank answers, independent of any one bank's layout. */
package org.jincai.bank.file;
