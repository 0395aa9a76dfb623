package org.jincai.core.release;

import java.util.List;
import org.jincai.formats.Problem;

/** What one release run produced: the files staged for upload, and the groups it could not render (left APPROVED). */
public record ReleaseResult(List<StagedFile> staged, List<Problem> failures) {

    public ReleaseResult {
        staged = List.copyOf(staged);
        failures = List.copyOf(failures);
    }
}
