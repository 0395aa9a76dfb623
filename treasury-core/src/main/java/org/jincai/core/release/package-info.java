/**
 * Release of approved payments to banks: grouping, splitting, rendering, staging and delivery records; and a job's
 * planned files whose payments are born RELEASED in the transaction that records them (a payroll run's).
 */
package org.jincai.core.release;
