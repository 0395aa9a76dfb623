-- Quartz's two row locks for the hub's scheduler ('jincai', SchedulerConfiguration.SCHEDULER_NAME), made once here.
-- Quartz inserts a lock's row the first time it takes the lock; two nodes starting at once on a new database both
-- found no row and both inserted it, and the second's transaction failed on the duplicate key (Quartz rolled it back
-- and tried again a second later, taking back whatever that transaction had written before). Kept where a scheduler
-- already made them.
INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME)
SELECT 'jincai', 'TRIGGER_ACCESS' FROM (SELECT COUNT(*) AS n FROM QRTZ_LOCKS
    WHERE SCHED_NAME = 'jincai' AND LOCK_NAME = 'TRIGGER_ACCESS') existing WHERE existing.n = 0;
INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME)
SELECT 'jincai', 'STATE_ACCESS' FROM (SELECT COUNT(*) AS n FROM QRTZ_LOCKS
    WHERE SCHED_NAME = 'jincai' AND LOCK_NAME = 'STATE_ACCESS') existing WHERE existing.n = 0;
