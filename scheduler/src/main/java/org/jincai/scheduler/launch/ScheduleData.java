package org.jincai.scheduler.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.quartz.JobDataMap;

/**
 * The names under which a schedule keeps what it launches in Quartz's job data (stored as strings:
 * {@code org.quartz.jobStore.useProperties}), so that nothing Java-serialised sits in the database.
 */
public final class ScheduleData {

    /** The Quartz group of the operators' schedules. */
    public static final String OPERATOR_GROUP = "operator";
    /** The Quartz group of the built-in schedules from {@code jincai.schedules}. */
    public static final String BUILTIN_GROUP = "builtin";

    public static final String KIND = "kind";
    public static final String TARGET = "target";
    public static final String PARAM = "param.";
    public static final String REQUESTED_AT = "requestedAt";
    /** When the schedule is due, as placed on the calendar (an instant): how late a firing is, misfire or not. */
    public static final String DUE_AT = "dueAt";
    public static final String MOVED_BECAUSE = "movedBecause";
    public static final String CREATED_BY = "createdBy";
    public static final String BANK = "bank";
    public static final String EXECUTION_ID = "executionId";
    public static final String OUTCOME = "outcome";
    public static final String STATE = "state";
    /** {@code false}: a firing that launched is only logged (a frequent poll); a failed one is audited all the same. */
    public static final String AUDITED = "audited";

    public static final String JOB_PREFIX = "job:";
    public static final String ROUTE_PREFIX = "route:";

    private ScheduleData() {
    }

    /** The launch parameters kept in {@code data}, in name order. */
    public static Map<String, String> parameters(JobDataMap data) {
        Map<String, String> p = new TreeMap<>();
        for (String key : data.getKeys()) {
            if (key.startsWith(PARAM)) {
                p.put(key.substring(PARAM.length()), data.getString(key));
            }
        }
        return new LinkedHashMap<>(p);
    }

    public static void putParameters(JobDataMap data, Map<String, String> parameters) {
        parameters.forEach((k, v) -> data.put(PARAM + k, v));
    }
}
