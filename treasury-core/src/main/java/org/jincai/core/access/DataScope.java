package org.jincai.core.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The part of the public money a user may see and act on: administrative divisions (AdmDivCode) with their
 * children, and, within them, agencies (AgencyCode). A division code covers the codes that share its
 * significant prefix — the standard's six digits with trailing pairs of zeros dropped: {@code 420000}
 * (Hubei) covers {@code 420100} (Wuhan) and {@code 420102}; {@code 420100} covers {@code 420102} but not
 * {@code 420200}. An empty agency list means every agency of the divisions. {@link #everything()} is for
 * roles that span the hub (administrators, the hub's own routes).
 */
public record DataScope(boolean all, List<String> admDivCodes, Set<String> agencyCodes) {

    public DataScope {
        admDivCodes = admDivCodes == null ? List.of() : List.copyOf(admDivCodes);
        agencyCodes = agencyCodes == null ? Set.of() : Set.copyOf(agencyCodes);
    }

    public static DataScope everything() {
        return new DataScope(true, List.of(), Set.of());
    }

    /** The divisions (with their children) and, when not empty, only these agencies in them. */
    public static DataScope of(Collection<String> admDivCodes, Collection<String> agencyCodes) {
        return new DataScope(false, List.copyOf(admDivCodes), Set.copyOf(agencyCodes));
    }

    /** Whether a voucher or payment of this division and agency is inside the scope. */
    public boolean allows(String admDivCode, String agencyCode) {
        if (all) {
            return true;
        }
        if (!coversDivision(admDivCode)) {
            return false;
        }
        return agencyCodes.isEmpty() || (agencyCode != null && agencyCodes.contains(agencyCode));
    }

    /** Whether the division (and so some of its vouchers) is inside the scope, agencies aside. */
    public boolean coversDivision(String admDivCode) {
        if (all) {
            return true;
        }
        if (admDivCode == null) {
            return false;
        }
        for (String d : admDivCodes) {
            if (admDivCode.startsWith(prefix(d))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The significant prefix of a division code: {@code 420000 -> 42}, {@code 420100 -> 4201},
     * {@code 420102 -> 420102}; a code of another length is taken whole.
     */
    public static String prefix(String admDivCode) {
        String p = admDivCode.strip();
        if (p.length() != 6) {
            return p;
        }
        while (p.length() > 2 && p.endsWith("00")) {
            p = p.substring(0, p.length() - 2);
        }
        return p;
    }

    /**
     * A SQL condition restricting rows to the scope, on the given division and agency columns, with named
     * parameters {@code scopeDiv0..n} and {@code scopeAgencies} to bind with {@link #bind}; {@code 1=1}
     * for everything, {@code 1=0} for an empty scope.
     */
    public String sqlCondition(String divisionColumn, String agencyColumn) {
        if (all) {
            return "1=1";
        }
        if (admDivCodes.isEmpty()) {
            return "1=0";
        }
        StringBuilder c = new StringBuilder("(");
        for (int i = 0; i < admDivCodes.size(); i++) {
            c.append(i == 0 ? "" : " OR ").append(divisionColumn).append(" LIKE :scopeDiv").append(i);
        }
        c.append(')');
        if (!agencyCodes.isEmpty()) {
            c.append(" AND ").append(agencyColumn).append(" IN (:scopeAgencies)");
        }
        return c.toString();
    }

    /** Binds the parameters of {@link #sqlCondition} into {@code params}. */
    public MapSqlParameterSource bind(MapSqlParameterSource params) {
        for (int i = 0; i < admDivCodes.size(); i++) {
            params.addValue("scopeDiv" + i, prefix(admDivCodes.get(i)) + "%");
        }
        if (!agencyCodes.isEmpty()) {
            params.addValue("scopeAgencies", agencyCodes);
        }
        return params;
    }
}
