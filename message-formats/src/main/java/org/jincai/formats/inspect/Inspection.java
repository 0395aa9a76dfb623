package org.jincai.formats.inspect;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jincai.formats.Problem;

/**
 * What {@link FormatInspector} found in one file, shaped for {@code ./jincai inspect --json}:
 * the format ({@code camt.053.001.08}, {@code pain.001.001.09}, {@code fiscal-voucher}, or
 * {@value FormatInspector#UNKNOWN}), whether it could be read and is valid, its problems, and a summary
 * whose values are strings (amounts too, never floating point), integers and nested maps, in a stable
 * order.
 */
public record Inspection(String file, String format, boolean valid, boolean readable, List<Problem> errors,
        List<Problem> warnings, Map<String, Object> summary) {

    public Inspection {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /** The process exit code of {@code ./jincai inspect}: 0 when readable, 1 when not. */
    public int exitCode() {
        return readable ? 0 : 1;
    }

    /** Exactly one JSON object: {@code {"file","format","valid","readable","errors","warnings","summary"}}. */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        field(b, "file").append(string(file)).append(',');
        field(b, "format").append(string(format)).append(',');
        field(b, "valid").append(valid).append(',');
        field(b, "readable").append(readable).append(',');
        field(b, "errors");
        problems(b, errors).append(',');
        field(b, "warnings");
        problems(b, warnings).append(',');
        field(b, "summary");
        value(b, summary);
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name) {
        return b.append(string(name)).append(':');
    }

    private static StringBuilder problems(StringBuilder b, List<Problem> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            Problem p = list.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"code\":").append(string(p.code())).append(",\"message\":").append(string(p.message()))
                    .append(",\"location\":").append(string(p.location())).append('}');
        }
        return b.append(']');
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(string(String.valueOf(e.getKey()))).append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
            b.append(n);
        } else if (v instanceof Boolean bool) {
            b.append(bool);
        } else if (v instanceof BigDecimal d) {
            b.append(string(d.toPlainString()));
        } else {
            b.append(string(String.valueOf(v)));
        }
    }

    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
