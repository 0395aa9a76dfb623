/** The hub's own Micrometer metrics (payments by state, files delivered, answers pending, jobs), read from its database. */
package org.jincai.server.metrics;
