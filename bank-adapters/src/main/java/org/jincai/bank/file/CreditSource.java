package org.jincai.bank.file;

import java.util.List;
import java.util.stream.Stream;

/**
 * The credits of one payment file, given as a stream each time a writer opens it: a writer opens it twice — once to
 * check every credit and add up the count and total a header declares, once to write — and holds one credit at a
 * time, so a file of 100,000 credits costs the memory of one. A source over a database cursor gives the same credits
 * in the same order each time (the caller's transaction keeps them so).
 */
@FunctionalInterface
public interface CreditSource {

    /** A new stream over the file's credits, in file order; the caller closes it. */
    Stream<OutboundCredit> open();

    /**
     * True when the source guarantees that no two credits share an end-to-end id (a database key), so a writer need
     * not remember the ids it has seen to refuse DUPLICATE_END_TO_END_ID.
     */
    default boolean distinctIds() {
        return false;
    }

    /** The credits of a list (a small file, a test). */
    static CreditSource of(List<OutboundCredit> credits) {
        List<OutboundCredit> copy = List.copyOf(credits);
        return copy::stream;
    }

    /** A source over a re-openable stream whose end-to-end ids are distinct by construction (a primary key). */
    static CreditSource distinct(CreditSource source) {
        return new CreditSource() {
            @Override
            public Stream<OutboundCredit> open() {
                return source.open();
            }

            @Override
            public boolean distinctIds() {
                return true;
            }
        };
    }
}
