package org.jincai.batch.payroll;

import org.jincai.core.controls.Actor;

/**
 * Who {@code --approve-as USER} is: the application resolves a configured user to the core's {@link Actor} (their
 * roles and scope), so the run's one approval is decided by that user under the approval rules' maker-checker.
 */
@FunctionalInterface
public interface PayrollApprovers {

    Actor approver(String name);
}
