package io.aerobackup.source.changefeed;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Frozen bytes of the change feed's persisted and streamed forms ({@link FrozenFeedData}'s objects):
 * savepoints and checkpoints written by earlier builds must keep decoding. Never edit a constant;
 * add one for each new version.
 */
class ChangeFeedFrozenBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RoundSplitSerializer version 1 (phase by code: SWEEP = 1). */
    private static final String SPLIT_V1 =
            "0000000000000007000564656c7461001e3230323631313235543031303230333030345a2d64656c74612d6162313201" +
            "0009706172656e742d69640100000000000003e80100000000000007d000000000000009c40000010101000000000000" +
            "002a00100008000100111f202122232425262728292a2b2c2d2e2f303132";

    /** ChangeFeedEnumStateSerializer version 1: the split nested without its version. */
    private static final String STATE_V1 =
            "0000000000000009010000000000000008000466756c6c001d3230323631313235543031303230333030345a2d66756c" +
            "6c2d636433340000000000000000000bb80100064d414e55414c010010726571756573746564206279206f7073000000" +
            "00010000000000000007000564656c7461001e3230323631313235543031303230333030345a2d64656c74612d616231" +
            "32010009706172656e742d69640100000000000003e80100000000000007d000000000000009c4000001010100000000" +
            "0000002a00100008000100111f202122232425262728292a2b2c2d2e2f303132000000010008383a302b323034380000" +
            "00000000007b0100076c6173742d6964010000000000001388010000000000001770010000000000000fa00000000000" +
            "00006400000003000000000000001e0000003700";

    /** ChangeFeedEnumStateSerializer version 2: the split nested with its version and length. */
    private static final String STATE_V2 =
            "0000000000000009010000000000000008000466756c6c001d3230323631313235543031303230333030345a2d66756c" +
            "6c2d636433340000000000000000000bb80100064d414e55414c010010726571756573746564206279206f7073000000" +
            "0001000000010000007e0000000000000007000564656c7461001e3230323631313235543031303230333030345a2d64" +
            "656c74612d61623132010009706172656e742d69640100000000000003e80100000000000007d000000000000009c400" +
            "00010101000000000000002a00100008000100111f202122232425262728292a2b2c2d2e2f303132000000010008383a" +
            "302b32303438000000000000007b0100076c6173742d6964010000000000001388010000000000001770010000000000" +
            "000fa0000000000000006400000003000000000000001e0000003700";

    /** FeedElementSerializer layout 1, one element of each kind (kind by code; DIGESTS appended with kind 5). */
    private static final List<String> ELEMENTS_V1 = List.of(
            "01000000000000000007001e3230323631313235543031303230333030345a2d64656c74612d61623132000000002802" +
            "5d5e5f606162636465666768696a6b6c6d6e6f70010103736574089a01010176030576616c7565",
            "01010000000000000007001e3230323631313235543031303230333030345a2d64656c74612d6162313200000028025d" +
            "5e5f606162636465666768696a6b6c6d6e6f70010103736574089a01010176030576616c7565",
            "01020000000000000008001d3230323631313235543031303230333030345a2d66756c6c2d636433340fff0000000000" +
            "000008000466756c6c001d3230323631313235543031303230333030345a2d66756c6c2d636433340000000000000000" +
            "000bb80100064d414e55414c010010726571756573746564206279206f707300",
            "01030000000000000007001e3230323631313235543031303230333030345a2d64656c74612d61623132000c00000000" +
            "00000003",
            "01040000000000000007000269640002696400000000000000070100102f612f2e702e696e70726f677265737300042f" +
            "612f700003616263000000000000000a00000000000007d0000000000000038400000000000000020000000000000001",
            "01050000000000000008001d3230323631313235543031303230333030345a2d66756c6c2d636433340fff000000301f" +
            "202122232425262728292a2b2c2d2e2f303132000000093e3f404142434445464748494a4b4c4d4e4f505100000000");

    @Test
    void roundSplitVersion1DecodesAndIsWhatThisBuildWrites() throws IOException {
        byte[] frozen = HEX.parseHex(SPLIT_V1);
        RoundSplit split = RoundSplitSerializer.INSTANCE.deserialize(RoundSplitSerializer.VERSION_1, frozen);
        RoundSplit expected = FrozenFeedData.split();
        assertThat(split.round()).isEqualTo(expected.round());
        assertThat(split.partitions()).isEqualTo(expected.partitions());
        assertThat(split.phase()).isEqualTo(RoundSplit.Phase.SWEEP);
        assertThat(split.finished()).isTrue();
        assertThat(split.recordsEmitted()).isEqualTo(42);
        assertThat(RoundSplitSerializer.INSTANCE.serialize(expected)).isEqualTo(frozen);
    }

    @Test
    void enumeratorStateVersions1And2DecodeToTheSameState() throws IOException {
        for (int version : new int[] {ChangeFeedEnumStateSerializer.VERSION_1, ChangeFeedEnumStateSerializer.VERSION_2}) {
            String hex = version == ChangeFeedEnumStateSerializer.VERSION_1 ? STATE_V1 : STATE_V2;
            ChangeFeedEnumState state = ChangeFeedEnumStateSerializer.INSTANCE.deserialize(version, HEX.parseHex(hex));
            ChangeFeedEnumState expected = FrozenFeedData.state();
            assertThat(state.nextRoundNumber()).isEqualTo(expected.nextRoundNumber());
            assertThat(state.current()).isEqualTo(expected.current());
            assertThat(state.unassigned()).extracting(RoundSplit::splitId).containsExactly("7:16+8");
            assertThat(state.unassigned().get(0).phase()).isEqualTo(RoundSplit.Phase.SWEEP);
            assertThat(state.unfinished()).isEqualTo(expected.unfinished());
            assertThat(state.chain()).isEqualTo(expected.chain());
            assertThat(state.spaceState()).isEqualTo(expected.spaceState());
            assertThat(state.lastBackupId()).isEqualTo("last-id");
        }
        assertThat(ChangeFeedEnumStateSerializer.INSTANCE.serialize(FrozenFeedData.state()))
                .isEqualTo(HEX.parseHex(STATE_V2));
        assertThat(ChangeFeedEnumStateSerializer.CURRENT_VERSION).isEqualTo(ChangeFeedEnumStateSerializer.VERSION_2);
    }

    @Test
    void everyFeedElementKindDecodesFromItsFrozenBytesAndIsWhatThisBuildWrites() throws IOException {
        List<FeedElement> expected = FrozenFeedData.elements();
        for (int i = 0; i < expected.size(); i++) {
            byte[] frozen = HEX.parseHex(ELEMENTS_V1.get(i));
            FeedElement back = FeedElementSerializer.INSTANCE.deserialize(new DataInputDeserializer(frozen));
            FeedElement e = expected.get(i);
            assertThat(back.kind()).isEqualTo(e.kind());
            assertThat(back.kind().code()).isEqualTo(i);
            assertThat(back.roundNumber()).isEqualTo(e.roundNumber());
            assertThat(back.backupId()).isEqualTo(e.backupId());
            assertThat(back.record()).isEqualTo(e.record());
            assertThat(back.partition()).isEqualTo(e.partition());
            assertThat(back.round()).isEqualTo(e.round());
            assertThat(back.file()).isEqualTo(e.file());
            assertThat(back.digestEntries()).isEqualTo(e.digestEntries());
            DataOutputSerializer out = new DataOutputSerializer(64);
            FeedElementSerializer.INSTANCE.serialize(e, out);
            assertThat(out.getCopyOfBuffer()).isEqualTo(frozen);
        }
    }

    @Test
    void unknownCodesAreRefusedNamingTheKnownOnes() throws IOException {
        byte[] split = HEX.parseHex(SPLIT_V1);
        DataOutputSerializer round = new DataOutputSerializer(64);
        FrozenFeedData.DELTA.writeTo(round);
        int phaseAt = round.length(); // the phase code follows the round
        assertThat(split[phaseAt]).isEqualTo((byte) RoundSplit.Phase.SWEEP.code());
        byte[] badPhase = split.clone();
        badPhase[phaseAt] = 9;
        assertThatThrownBy(() -> RoundSplitSerializer.INSTANCE.deserialize(RoundSplitSerializer.VERSION_1, badPhase))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown phase code 9");
        byte[] element = HEX.parseHex(ELEMENTS_V1.get(0));
        element[1] = 7;
        assertThatThrownBy(() -> FeedElementSerializer.INSTANCE.deserialize(new DataInputDeserializer(element)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown kind code 7");
    }
}
