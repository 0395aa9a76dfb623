/** The payroll job in the hub: who {@code --approve-as} is, and the REST API that launches, follows and serves runs. */
package org.jincai.server.payroll;
