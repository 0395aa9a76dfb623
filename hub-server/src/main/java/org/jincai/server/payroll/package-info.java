/**
 * The payroll job in the hub: who {@code --approve-as} is, the REST API that launches, follows and serves runs, and
 * the start-up removal of uploads a stop left in the spool without a run.
 */
package org.jincai.server.payroll;
