/**
 * Budget control (预算控制): indicators (指标) and monthly plans (用款计划) imported from CSV with every movement kept
 * ({@link org.jincai.core.budget.BudgetImportService}), each payment's amount reserved against them at intake by
 * conditional updates and released or spent as the payment ends ({@link org.jincai.core.budget.BudgetControl}; a
 * voucher whose payments are born after its approval, a payroll run's, holds its totals and each payment draws its
 * reservation from the hold when it is born), and what they stand at ({@link org.jincai.core.budget.BudgetQueries}).
 */
package org.jincai.core.budget;
