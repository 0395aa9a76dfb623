/**
 * The bulk payroll disbursement job (统发工资, docs/payroll.md): a payroll file or an 8207 voucher in, every line
 * refused with its code or paid once through the hub's payment path, restartable after any crash.
 */
package org.jincai.batch.payroll;
