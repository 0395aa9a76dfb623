/**
 * The fiscal controls on the payment path, put together: {@link org.jincai.core.controls.FiscalControls} runs budget
 * control, the risk rules and the approval rules on every voucher at intake, in its transaction;
 * {@link org.jincai.core.controls.ControlsProperties} is their configuration ({@code jincai.controls}); an
 * {@link org.jincai.core.controls.Actor} is the user (roles, data scope, channel) who acts on a control, and a
 * {@link org.jincai.core.controls.ControlException} what a control refuses. docs/budget.md describes them.
 */
package org.jincai.core.controls;
