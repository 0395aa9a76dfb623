/** Job operations: the Spring Batch job executions listed from the JobRepository, restarted and stopped, audited. */
package org.jincai.scheduler.jobs;
