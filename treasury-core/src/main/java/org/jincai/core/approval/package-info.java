/**
 * The approval workflow (审批流程): rules as data that pick a chain of roles from a voucher's fund use and amount
 * ({@link org.jincai.core.approval.ApprovalRules}), and the chains themselves, decided level by level under
 * maker-checker ({@link org.jincai.core.approval.ApprovalService}).
 */
package org.jincai.core.approval;
