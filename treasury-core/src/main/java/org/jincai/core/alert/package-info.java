/**
 * The alerts of the fiscal controls — risk rule hits, budget warnings, filing notices (备案) — stored once each,
 * listed within a reader's data scope and acknowledged with a reason ({@link org.jincai.core.alert.AlertService}).
 */
package org.jincai.core.alert;
