package io.aerobackup.embedded.particle;

import java.util.List;

/**
 * Intersection count and similarity of HLL bins as the server estimates them (particle_hll.c):
 * with minhash bits HyperMinHash (matching registers over used registers, minus the expected
 * collisions for two sketches), without them inclusion-exclusion over union counts.
 */
public final class HllEstimates {
    private static final int HLL_BUCKETS = 64;

    private HllEstimates() {
    }

    public static long intersectCount(List<HllSketch> sketches) {
        HllSketch template = HllSketch.unionTemplate(sketches);
        if (template.minhashBits() == 0) {
            return hllIntersect(sketches);
        }
        double j = similarity(sketches);
        if (Double.isNaN(j)) {
            return 0;
        }
        return Math.round(HllSketch.union(sketches).estimateNow() * j);
    }

    public static double similarity(List<HllSketch> sketches) {
        HllSketch template = HllSketch.unionTemplate(sketches);
        if (template.minhashBits() == 0) {
            return (double) hllIntersect(sketches) / (double) HllSketch.union(sketches).estimateNow();
        }
        boolean oneHasData = false;
        boolean oneIsEmpty = false;
        for (HllSketch sketch : sketches) {
            if (sketch.hasData()) {
                oneHasData = true;
            } else {
                oneIsEmpty = true;
            }
        }
        if (oneIsEmpty) {
            return oneHasData ? 0.0 : Double.NaN;
        }
        int union = usedRegisters(HllSketch.union(sketches));
        HllSketch intersect = HllSketch.empty(template.indexBits(), template.minhashBits());
        intersect.unionWith(sketches.get(0));
        for (int i = 1; i < sketches.size(); i++) {
            intersectOne(intersect, sketches.get(i));
        }
        int matching = usedRegisters(intersect);
        double collisions = 0.0;
        if (sketches.size() == 2) {
            collisions = expectedCollisions(template, sketches.get(0).count(), sketches.get(1).count());
        }
        return Math.max(0.0, (matching - collisions) / (double) union);
    }

    /** Inclusion-exclusion for two or three sketches without minhash bits; never below 0. */
    private static long hllIntersect(List<HllSketch> sketches) {
        long union = HllSketch.union(sketches).estimateNow();
        long sum = 0;
        for (HllSketch sketch : sketches) {
            long c = sketch.count();
            if (Long.compareUnsigned(sum + c, sum) < 0) {
                sum = -1L;
                break;
            }
            sum += c;
        }
        if (sketches.size() == 2) {
            return Long.compareUnsigned(sum, union) > 0 ? sum - union : 0;
        }
        long pairs = intersectCount(List.of(sketches.get(0), sketches.get(1)))
                + intersectCount(List.of(sketches.get(1), sketches.get(2)))
                + intersectCount(List.of(sketches.get(0), sketches.get(2)));
        long result = union - (sum - pairs);
        return Math.max(0, result);
    }

    private static void intersectOne(HllSketch into, HllSketch other) {
        int mask = (1 << into.indexBits()) - 1;
        int registers = 1 << other.indexBits();
        for (int r = 0; r < registers; r++) {
            int small = r & mask;
            long mine = into.register(small);
            into.setRegister(small, mine == other.register(r) ? mine : 0);
        }
    }

    private static int usedRegisters(HllSketch sketch) {
        int used = 0;
        for (int r = 0; r < 1 << sketch.indexBits(); r++) {
            if (sketch.register(r) != 0) {
                used++;
            }
        }
        return used;
    }

    private static double expectedCollisions(HllSketch template, long card0, long card1) {
        double cp = 0.0;
        int registers = 1 << template.indexBits();
        for (int i = 1; i <= HLL_BUCKETS; i++) {
            double b1 = i != HLL_BUCKETS ? Math.pow(2, -i) : 0.0;
            double b2 = Math.pow(2, -i + 1);
            b1 /= registers;
            b2 /= registers;
            double x = Math.pow(1 - b1, (double) card0) - Math.pow(1 - b2, (double) card0);
            double y = Math.pow(1 - b1, (double) card1) - Math.pow(1 - b2, (double) card1);
            cp += x * y;
        }
        return cp * registers / Math.pow(2, template.minhashBits());
    }
}
