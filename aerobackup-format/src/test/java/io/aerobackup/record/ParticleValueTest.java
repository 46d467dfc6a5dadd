package io.aerobackup.record;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.command.BatchAttr;
import com.aerospike.client.command.BatchNode;
import com.aerospike.client.command.Command;
import com.aerospike.client.command.ParticleType;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.util.Packer;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ParticleValue} against the client's own Value of the decoded Java value: the commands the
 * client builds around both (single write, batch write, a batch's single-record command) must be
 * byte-identical, for every particle type.
 */
class ParticleValueTest {
    private static final Key KEY = new Key("ns", "set", "k");

    @Test
    void theClientNumbersParticleTypesLikeTheBackupFormat() {
        assertThat(new int[] {ParticleType.INTEGER, ParticleType.DOUBLE, ParticleType.STRING, ParticleType.BLOB,
                ParticleType.JBLOB, ParticleType.BOOL, ParticleType.HLL, ParticleType.MAP, ParticleType.LIST,
                ParticleType.GEOJSON}).containsExactly(ParticleTypes.INTEGER, ParticleTypes.DOUBLE,
                ParticleTypes.STRING, ParticleTypes.BLOB, ParticleTypes.JAVA_BLOB, ParticleTypes.BOOL,
                ParticleTypes.HLL, ParticleTypes.MAP, ParticleTypes.LIST, ParticleTypes.GEOJSON);
    }

    @Test
    void scalarsWriteWhatTheClientsOwnValuesWrite() {
        assertSameWire(new BackupBin("i", ParticleTypes.INTEGER, -5L), Value.get(-5L));
        assertSameWire(new BackupBin("i", ParticleTypes.INTEGER, Long.MIN_VALUE), Value.get(Long.MIN_VALUE));
        assertSameWire(new BackupBin("d", ParticleTypes.DOUBLE, 2.5), Value.get(2.5));
        assertSameWire(new BackupBin("d", ParticleTypes.DOUBLE, -0.0), Value.get(-0.0));
        assertSameWire(new BackupBin("d", ParticleTypes.DOUBLE, Double.NaN), Value.get(Double.NaN));
        assertSameWire(new BackupBin("d", ParticleTypes.DOUBLE, Double.NEGATIVE_INFINITY),
                Value.get(Double.NEGATIVE_INFINITY));
        String unicode = "v\u00fc\uD83D\uDE00";
        assertSameWire(new BackupBin("s", ParticleTypes.STRING, unicode), Value.get(unicode));
        assertSameWire(new BackupBin("s", ParticleTypes.STRING, ""), Value.get(""));
        assertSameWire(new BackupBin("b", ParticleTypes.BLOB, new byte[] {0, -1, 7}), Value.get(new byte[] {0, -1, 7}));
        assertSameWire(new BackupBin("b", ParticleTypes.BLOB, new byte[0]), Value.get(new byte[0]));
        for (int legacy = ParticleTypes.JAVA_BLOB; legacy <= ParticleTypes.ERLANG_BLOB; legacy++) {
            assertSameWire(new BackupBin("b", legacy, new byte[] {3}), Value.get(new byte[] {3}, legacy));
        }
        assertSameWire(new BackupBin("h", ParticleTypes.HLL, new byte[] {0, 4, 0, 9}),
                new Value.HLLValue(new byte[] {0, 4, 0, 9}));
        String geo = "{\"type\":\"Point\",\"coordinates\":[1.5,-2.25]}";
        assertSameWire(new BackupBin("g", ParticleTypes.GEOJSON, geo), Value.getAsGeoJSON(geo));
    }

    @Test
    void boolIsTheOneByteBoolParticleWhateverUseBoolBinSays() {
        assertSameWire(new BackupBin("t", ParticleTypes.BOOL, true), new Value.BooleanValue(true));
        assertSameWire(new BackupBin("f", ParticleTypes.BOOL, false), new Value.BooleanValue(false));
        boolean before = Value.UseBoolBin;
        Value.UseBoolBin = false;
        try {
            // The server stored a BOOL; the client would now send an INTEGER, the restore must not.
            assertThat(ParticleValue.of(new BackupBin("t", ParticleTypes.BOOL, true)).getType())
                    .isEqualTo(ParticleType.BOOL);
        } finally {
            Value.UseBoolBin = before;
        }
    }

    @Test
    void listsAndOrderedMapsWriteTheClientsMsgpack() {
        List<Object> list = List.of(1L, "two", 3.0, new byte[] {4}, true, List.of(), Map.of());
        assertSameWire(new BackupBin("l", ParticleTypes.LIST, list), Value.get(list));
        assertSameWire(new BackupBin("l", ParticleTypes.LIST, List.of()), Value.get(List.of()));
        TreeMap<Object, Object> sorted = new TreeMap<>(Map.of("b", List.of(2L, "x"), "a", 1L, "c", Map.of()));
        assertSameWire(new BackupBin("m", ParticleTypes.MAP, sorted), Value.get(sorted));

        // Key-value-ordered: the client only writes it from entries with an explicit order.
        List<Map.Entry<Object, Object>> entries = List.of(new AbstractMap.SimpleEntry<>(1L, "one"),
                new AbstractMap.SimpleEntry<>(2L, "two"));
        byte[] kvOrdered = Packer.pack(entries, MapOrder.KEY_VALUE_ORDERED);
        assertSameWire(ofParticle(ParticleTypes.MAP, kvOrdered), new Value.SortedMapValue(entries,
                MapOrder.KEY_VALUE_ORDERED));
    }

    @Test
    void anUnorderedMapWritesTheSameEntriesPossiblyInAnotherOrder() {
        Map<Object, Object> map = new HashMap<>();
        for (long i = 0; i < 40; i++) {
            map.put(i % 2 == 0 ? (Object) ("k" + i) : (Object) i, List.of(i, "v" + i));
        }
        BackupBin bin = new BackupBin("u", ParticleTypes.MAP, map);
        byte[] ours = operation(ParticleValue.of(bin));
        byte[] theirs = operation(Value.get(map));
        assertThat(ours).hasSameSizeAs(theirs);
        // Same op header and name (size, op type, particle type, name); the entries are compared decoded.
        int header = 8 + 1;
        assertThat(Arrays.copyOf(ours, header)).isEqualTo(Arrays.copyOf(theirs, header));
        assertThat(decoded(ours, header)).isEqualTo(decoded(theirs, header)).isEqualTo(map);
    }

    @Test
    void packsLikeTheClientsValueInsideAList() {
        String geo = "{\"type\":\"Point\",\"coordinates\":[0,0]}";
        List<Object[]> cases = List.of(
                new Object[] {new BackupBin("x", ParticleTypes.INTEGER, 300L), Value.get(300L)},
                new Object[] {new BackupBin("x", ParticleTypes.DOUBLE, -0.0), Value.get(-0.0)},
                new Object[] {new BackupBin("x", ParticleTypes.STRING, "s\u00fc"), Value.get("s\u00fc")},
                new Object[] {new BackupBin("x", ParticleTypes.BLOB, new byte[] {1}), Value.get(new byte[] {1})},
                new Object[] {new BackupBin("x", ParticleTypes.BOOL, true), new Value.BooleanValue(true)},
                new Object[] {new BackupBin("x", ParticleTypes.HLL, new byte[] {2}),
                    new Value.HLLValue(new byte[] {2})},
                new Object[] {new BackupBin("x", ParticleTypes.GEOJSON, geo), Value.getAsGeoJSON(geo)},
                new Object[] {new BackupBin("x", ParticleTypes.LIST, List.of(1L, "a")), Value.get(List.of(1L, "a"))});
        for (Object[] c : cases) {
            BackupBin bin = (BackupBin) c[0];
            assertThat(packed(ParticleValue.of(bin))).as("%s", bin).isEqualTo(packed((Value) c[1]));
        }
    }

    @Test
    void decodesForCallersThatAskAndRefusesToBeAKeyUnlessAKeyType() {
        BackupBin list = new BackupBin("l", ParticleTypes.LIST, List.of(1L, "two"));
        ParticleValue value = ParticleValue.of(list);
        assertThat(value.getObject()).isEqualTo(List.of(1L, "two"));
        assertThat(value).isEqualTo(ParticleValue.of(new BackupBin("l", ParticleTypes.LIST, List.of(1L, "two"))))
                .hasToString("LIST[" + list.particle().length + " bytes]");
        assertThat(ParticleValue.of(new BackupBin("i", ParticleTypes.INTEGER, 7L)).toLong()).isEqualTo(7L);
        assertThatThrownBy(value::validateKeyType).hasMessageContaining("LIST");
        ParticleValue.of(new BackupBin("s", ParticleTypes.STRING, "k")).validateKeyType();
    }

    /** Both values, as one bin, in each command the restore can send: byte-identical. */
    private static void assertSameWire(BackupBin bin, Value client) {
        ParticleValue ours = ParticleValue.of(bin);
        assertThat(ours.getType()).as("type of %s", bin).isEqualTo(client.getType());
        assertThat(ours.estimateSize()).as("size of %s", bin).isEqualTo(client.estimateSize());
        assertThat(operation(ours)).as("op of %s", bin).isEqualTo(operation(client));
        assertThat(singleWrite(bin.name(), ours)).as("write of %s", bin).isEqualTo(singleWrite(bin.name(), client));
        assertThat(batchWrite(bin.name(), ours)).as("batch of %s", bin).isEqualTo(batchWrite(bin.name(), client));
        assertThat(batchSingle(bin.name(), ours)).as("batch single of %s", bin)
                .isEqualTo(batchSingle(bin.name(), client));
    }

    private static BackupBin ofParticle(int type, byte[] particle) {
        try {
            return BackupBin.ofParticle("m", type, particle);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One put op as Command.writeOperation lays it out, from a batch of one write. */
    private static byte[] operation(Value value) {
        byte[] batch = batchWrite("n", value);
        int opSize = 8 + 1 + value.estimateSize();
        return Arrays.copyOfRange(batch, batch.length - opSize, batch.length);
    }

    private static byte[] singleWrite(String bin, Value value) {
        Command command = new Command(0, 0, 0);
        WritePolicy policy = new WritePolicy();
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        policy.generation = 3;
        policy.expiration = -1;
        policy.sendKey = true;
        command.setWrite(policy, Operation.Type.WRITE, KEY, new Bin[] {new Bin(bin, value), new Bin("z", 1L)});
        return Arrays.copyOf(command.dataBuffer, command.dataOffset);
    }

    private static byte[] batchWrite(String bin, Value value) {
        List<BatchRecord> records = new ArrayList<>();
        records.add(new BatchWrite(writePolicy(), KEY, new Operation[] {Operation.put(new Bin(bin, value))}));
        Command command = new Command(0, 0, 0);
        command.setBatchOperate(new BatchPolicy(), null, null, null, records, new BatchNode(null, 1, 0), null);
        return Arrays.copyOf(command.dataBuffer, command.dataOffset);
    }

    /** The single-record command the client sends for a node's batch share of one row. */
    private static byte[] batchSingle(String bin, Value value) {
        Operation[] ops = {Operation.put(new Bin(bin, value))};
        BatchPolicy parent = new BatchPolicy();
        BatchAttr attr = new BatchAttr(parent, writePolicy(), ops);
        Command command = new Command(0, 0, 0);
        command.setOperate(parent, attr, KEY, ops);
        return Arrays.copyOf(command.dataBuffer, command.dataOffset);
    }

    private static BatchWritePolicy writePolicy() {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        policy.generation = 2;
        policy.expiration = 100;
        policy.sendKey = true;
        return policy;
    }

    private static byte[] packed(Value value) {
        Packer packer = new Packer();
        packer.packArrayBegin(1);
        value.pack(packer);
        return packer.toByteArray();
    }

    private static Object decoded(byte[] op, int offset) {
        try {
            return MsgPackCodec.unpack(ParticleTypes.MAP, Arrays.copyOfRange(op, offset, op.length));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
