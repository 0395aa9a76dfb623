package org.jincai.batch.payroll.internal;

/**
 * The 18-character resident identity number (公民身份号码, GB 11643-1999): 17 digits, then a check character
 * computed from them by ISO 7064 MOD 11-2 ({@code 0-9} or {@code X}).
 */
final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private ResidentId() {
    }

    static boolean valid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == checkCharacter(sum);
    }

    /** The check character of the first 17 digits of {@code id}. */
    static char checkOf(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return checkCharacter(sum);
    }

    private static char checkCharacter(int sum) {
        return CHECK.charAt(sum % 11);
    }
}
