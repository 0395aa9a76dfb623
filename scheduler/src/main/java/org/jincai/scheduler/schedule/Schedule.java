package org.jincai.scheduler.schedule;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the operator sees it: its id, what it launches ({@code job:NAME} or {@code route:URI}) with which
 * parameters, when it was asked for and when it runs (Beijing time), why it moved, its state, who made it, and —
 * once fired — the job execution it launched and the outcome.
 *
 * @param state {@code WAITING}, {@code PAUSED}, {@code FIRED} (launched; see {@code outcome}), {@code FAILED}
 *              (could not launch), {@code BLOCKED} (running now)
 */
public record Schedule(String id, String kind, String target, Map<String, String> parameters,
                       LocalDateTime requestedAt, LocalDateTime runAt, String movedBecause, String state,
                       String createdBy, Long executionId, String outcome, List<String> warnings) {
}
