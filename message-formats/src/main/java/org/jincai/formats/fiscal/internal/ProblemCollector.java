package org.jincai.formats.fiscal.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.fiscal.FiscalReadOptions;

/**
 * Sorts one voucher's problems into errors and warnings by the options' warning codes, and caps how many
 * are kept so a hostile voucher with a million bad lines cannot exhaust memory.
 */
public final class ProblemCollector {

    private final FiscalReadOptions options;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Set<String> locations = new HashSet<>();
    private int count;
    private boolean truncated;

    public ProblemCollector(FiscalReadOptions options) {
        this.options = options;
    }

    public void add(String code, String message, String location) {
        add(Problem.of(code, message, location));
    }

    public void add(Problem p) {
        if (truncated) {
            return;
        }
        if (count >= options.maxProblemsPerVoucher()) {
            truncated = true;
            errors.add(Problem.of(FiscalCodes.PROBLEMS_TRUNCATED,
                    "more than " + options.maxProblemsPerVoucher() + " problems; the rest were not collected", p.location()));
            return;
        }
        count++;
        locations.add(p.location());
        (options.isWarning(p.code()) ? warnings : errors).add(p);
    }

    public void addAll(List<Problem> problems) {
        problems.forEach(this::add);
    }

    /** True when a problem (error or warning) was added at exactly this location. */
    public boolean reportedAt(String location) {
        return locations.contains(location);
    }

    public List<Problem> errors() {
        return errors;
    }

    public List<Problem> warnings() {
        return warnings;
    }
}
