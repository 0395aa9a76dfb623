/** Read-only operator figures over payments, deliveries and answers. */
package org.jincai.core.report;
