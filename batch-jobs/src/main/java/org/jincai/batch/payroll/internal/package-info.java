/** The payroll job's steps, readers and checks: used only through {@link org.jincai.batch.payroll.PayrollLauncher}. */
package org.jincai.batch.payroll.internal;
