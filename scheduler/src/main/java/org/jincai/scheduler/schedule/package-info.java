/** Operator schedules: disbursements planned ahead, placed on bank working days before their bank's cut-off. */
package org.jincai.scheduler.schedule;
