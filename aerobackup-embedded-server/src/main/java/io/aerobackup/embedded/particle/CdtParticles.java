package io.aerobackup.embedded.particle;

import io.aerobackup.embedded.particle.MsgPackNode.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * What the real server does to a list or map particle written by a client (particle_list.c and
 * particle_map.c {@code *_from_wire}, cdt.c {@code cdt_untrusted_rewrite}): the bytes must be one
 * well-formed list (map) and nothing else; a list flagged ORDERED must be in order; a map flagged
 * KEY_ORDERED or KEY_VALUE_ORDERED must have strictly ascending keys; other maps, at every level,
 * are stored sorted by key; duplicate keys are refused; scalars are stored compactly; flag bits the
 * server does not keep are dropped. Every refusal is AS_ERR_UNKNOWN (1), as on the real server.
 */
public final class CdtParticles {
    private static final int KEY_ORDERED = 0x01;

    private CdtParticles() {
    }

    /** The stored form of a list ({@code map == false}) or map particle; throws ServerException(1) when refused. */
    public static byte[] rewrite(byte[] wire, boolean map) {
        if (wire.length == 0) {
            throw MsgPackParser.invalid("empty particle");
        }
        MsgPackNode root = MsgPackParser.parse(wire);
        if (root.kind != (map ? Kind.MAP : Kind.LIST)) {
            throw MsgPackParser.invalid("particle holds a " + root.kind + ", not a " + (map ? "map" : "list"));
        }
        return MsgPackWriter.write(order(root));
    }

    private static MsgPackNode order(MsgPackNode node) {
        if (node.children == null || node.children.isEmpty()) {
            return node;
        }
        List<MsgPackNode> children = new ArrayList<>(node.children.size());
        for (MsgPackNode child : node.children) {
            children.add(order(child));
        }
        if (node.kind == Kind.LIST) {
            if ((node.flags & MsgPackParser.LIST_ORDERED) != 0) {
                checkListOrder(children);
            }
            return node.withChildren(children);
        }
        return node.withChildren(sortMap(children, (node.flags & KEY_ORDERED) != 0));
    }

    private static void checkListOrder(List<MsgPackNode> items) {
        for (int i = 1; i < items.size(); i++) {
            if (MsgPackOrder.INSTANCE.compare(items.get(i - 1), items.get(i)) > 0) {
                throw MsgPackParser.invalid("list not ordered as expected");
            }
        }
    }

    private static List<MsgPackNode> sortMap(List<MsgPackNode> keysAndValues, boolean keyOrdered) {
        List<MsgPackNode[]> pairs = new ArrayList<>(keysAndValues.size() / 2);
        boolean sorted = true;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            MsgPackNode[] pair = {keysAndValues.get(i), keysAndValues.get(i + 1)};
            if (!pairs.isEmpty()) {
                int c = MsgPackOrder.INSTANCE.compare(pairs.get(pairs.size() - 1)[0], pair[0]);
                if (c == 0) {
                    throw MsgPackParser.invalid("map has duplicate keys");
                }
                if (c > 0 && keyOrdered) {
                    throw MsgPackParser.invalid("map not ordered as expected");
                }
                sorted &= c < 0;
            }
            pairs.add(pair);
        }
        if (!sorted) {
            pairs.sort((a, b) -> MsgPackOrder.INSTANCE.compare(a[0], b[0]));
            for (int i = 1; i < pairs.size(); i++) {
                if (MsgPackOrder.INSTANCE.compare(pairs.get(i - 1)[0], pairs.get(i)[0]) == 0) {
                    throw MsgPackParser.invalid("map has duplicate keys");
                }
            }
        }
        List<MsgPackNode> out = new ArrayList<>(keysAndValues.size());
        for (MsgPackNode[] pair : pairs) {
            out.add(pair[0]);
            out.add(pair[1]);
        }
        return out;
    }
}
