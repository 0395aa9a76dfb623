/** Payments and their lifecycle: the explicit state machine, its transitions recorded with time and actor. */
package org.jincai.core.payment;
