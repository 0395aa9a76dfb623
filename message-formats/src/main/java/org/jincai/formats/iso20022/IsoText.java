package org.jincai.formats.iso20022;

import java.util.ArrayList;
import java.util.List;

/**
 * Text rules shared by the ISO 20022 writers. A rare Chinese character outside the BMP (𠀀, common
 * enough in personal names) is one character but two Java chars. The XSD length facets mean
 * characters, yet the JDK's validator (and, we must assume, some banks') counts UTF-16 units; so
 * limits are applied in chars, which satisfies both readings, and text is never cut between the two
 * halves of a surrogate pair, which would write broken text.
 */
public final class IsoText {

    private IsoText() {
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code s} cut to at most {@code max} chars, never inside a surrogate pair. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, boundary(s, max));
    }

    /**
     * {@code s} as consecutive pieces of at most {@code max} chars, for repeatable elements such as
     * AddtlInf (Max105Text). Pieces break at a space when there is one, and the space is dropped, so
     * a reader that joins the pieces with a space gets the text back.
     */
    public static List<String> split(String s, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = s.strip();
        while (!rest.isEmpty()) {
            if (rest.length() <= max) {
                pieces.add(rest);
                break;
            }
            int hardEnd = boundary(rest, max);
            int space = rest.lastIndexOf(' ', hardEnd);
            int end = space > 0 ? space : hardEnd;
            pieces.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        return pieces;
    }

    /** The largest cut at or before {@code max} (with {@code max < s.length()}) that keeps surrogate pairs whole. */
    private static int boundary(String s, int max) {
        return Character.isLowSurrogate(s.charAt(max)) && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }
}
