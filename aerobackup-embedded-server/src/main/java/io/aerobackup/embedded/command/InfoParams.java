package io.aerobackup.embedded.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value;key=value} parameters of an info command such as {@code truncate:namespace=test;set=s}. */
final class InfoParams {
    private final Map<String, String> values = new LinkedHashMap<>();

    InfoParams(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String part : text.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                values.put(part, "");
            } else {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
    }

    /**
     * One parameter as the server's as_info_parameter_get finds it: the value of the first
     * {@code key=} in a {@code ;}-separated list (possibly empty), or null when there is none.
     */
    static String param(String text, String key) {
        if (text == null) {
            return null;
        }
        for (String part : text.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq >= 0 && part.substring(0, eq).equals(key)) {
                return part.substring(eq + 1);
            }
        }
        return null;
    }

    String get(String key) {
        return values.get(key);
    }

    /** The first present of several accepted spellings (8.1 renamed {@code ns} to {@code namespace}). */
    String get(String key, String alias) {
        String value = values.get(key);
        return value != null ? value : values.get(alias);
    }

    /** A required parameter: absent is "missing 'key'", empty is "missing 'key' value" (as_info_required_param_is_ok). */
    String require(String key, String alias) {
        String value = get(key, alias);
        int code = key.equals("namespace") ? 20 : 4;
        if (value == null) {
            throw new InfoError(code, "missing '" + key + "'");
        }
        if (value.isEmpty()) {
            throw new InfoError(code, "missing '" + key + "' value");
        }
        return value;
    }

    /** An info command failure, printed as {@code ERROR:<code>:<message>}. */
    static final class InfoError extends RuntimeException {
        private final int code;

        InfoError(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String reply() {
            return "ERROR:" + code + ":" + getMessage();
        }
    }
}
