package org.jincai.formats.fiscal;

import java.util.List;

/**
 * A MOF transport envelope (the {@code <MOF>} file of the voucher library) as read: the VoucherCount it
 * declares ({@code -1} when absent or not a number) and its bodies in document order.
 */
public record MofEnvelope(int declaredCount, List<VoucherBody> bodies) {

    public MofEnvelope {
        bodies = bodies == null ? List.of() : List.copyOf(bodies);
    }

    /** True when VoucherCount equals the number of bodies actually carried. */
    public boolean countMatches() {
        return declaredCount == bodies.size();
    }
}
