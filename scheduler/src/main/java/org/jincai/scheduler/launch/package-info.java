/** The one kind of Quartz job the hub has: it launches a Spring Batch job by name, or a route, and records what it did. */
package org.jincai.scheduler.launch;
