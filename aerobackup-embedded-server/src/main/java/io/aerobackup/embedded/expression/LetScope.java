package io.aerobackup.embedded.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Compile-time bookkeeping for let-variables: which names are visible, their slots and types.
 * Like the server, names must look like identifiers, may not shadow a visible name, may not be
 * used inside their own definition, and slots are reused once a let's scope ends.
 */
final class LetScope {
    private static final class Entry {
        final String name;
        final int slot;
        ResultType type; // null while the variable's own value is being decoded

        Entry(String name, int slot) {
            this.name = name;
            this.slot = slot;
        }
    }

    private final List<Entry> visible = new ArrayList<>();
    private int maxSlots;

    int nextSlot() {
        return visible.size();
    }

    int slotCount() {
        return maxSlots;
    }

    void define(String name) {
        if (!isIdentifier(name)) {
            throw new ExpressionException("let: illegal variable name '" + name
                    + "' (letters, digits and '_', not starting with a digit)");
        }
        if (find(name) != null) {
            throw new ExpressionException("let: duplicate variable name '" + name + "'");
        }
        visible.add(new Entry(name, visible.size()));
        maxSlots = Math.max(maxSlots, visible.size());
    }

    /** Records the type of the most recently defined variable once its value is decoded. */
    void defined(ResultType type) {
        visible.get(visible.size() - 1).type = type;
    }

    void leave(int count) {
        visible.subList(visible.size() - count, visible.size()).clear();
    }

    ExpNode reference(String name) {
        Entry e = find(name);
        if (e == null) {
            throw new ExpressionException("var: undefined variable '" + name + "'");
        }
        if (e.type == null) {
            throw new ExpressionException("var: variable '" + name + "' used inside its own definition");
        }
        return new ControlNodes.Var(e.slot, e.type);
    }

    private Entry find(String name) {
        for (int i = visible.size() - 1; i >= 0; i--) {
            if (visible.get(i).name.equals(name)) {
                return visible.get(i);
            }
        }
        return null;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(isAsciiLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
