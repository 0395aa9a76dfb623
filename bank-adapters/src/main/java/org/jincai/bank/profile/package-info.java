/** Agent bank profiles: the data that says how each bank is reached and what it speaks. */
package org.jincai.bank.profile;
