/**
 * Risk rules (风险防控) with thresholds as data ({@link org.jincai.core.risk.RiskOptions}): day totals, duplicates,
 * split payments, the block list and payee names checked at intake, quiet accounts found by a scan
 * ({@link org.jincai.core.risk.RiskService}); each hit an alert, and a hold where the rule says so.
 */
package org.jincai.core.risk;
