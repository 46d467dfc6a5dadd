package io.aerobackup.embedded.command;

import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResponseBuffer;
import io.aerobackup.embedded.storage.Bin;

import java.io.IOException;
import java.util.List;

/**
 * Streams a multi-record reply (scan or batch): many AS_MSGs per frame, a frame sent whenever it
 * passes the frame size, and a closing message flagged LAST in a frame of its own.
 */
final class MultiRecordReply {
    /** The frame sizes the real server uses: 128 KiB batch blocks, 1 MiB query chunks. */
    static final int BATCH_FRAME_BYTES = 128 * 1024;
    static final int SCAN_FRAME_BYTES = 1024 * 1024;

    private final ReplyChannel channel;
    private final ResponseBuffer out;
    private final int frameBytes;

    MultiRecordReply(ReplyChannel channel) {
        this(channel, BATCH_FRAME_BYTES);
    }

    MultiRecordReply(ReplyChannel channel, int frameBytes) {
        this.channel = channel;
        this.out = channel.buffer();
        this.frameBytes = frameBytes;
    }

    ResponseBuffer buffer() {
        if (!out.frameOpen()) {
            out.beginFrame();
        }
        return out;
    }

    /** Writes the bins of one record as its ops. */
    static void writeBins(ResponseBuffer out, List<Bin> bins) {
        for (Bin bin : bins) {
            out.op(bin.nameBytes(), bin.value().type(), bin.value().bytes());
        }
    }

    void maybeFlush() throws IOException {
        if (out.frameSize() >= frameBytes) {
            out.endFrame();
            channel.flush();
        }
    }

    /** Ends the reply with a LAST message carrying {@code resultCode}. */
    void finish(int resultCode) throws IOException {
        if (out.frameOpen()) {
            out.endFrame();
        }
        buffer().msgHeader(Proto.INFO3_LAST, resultCode, 0, 0, 0, 0, 0);
        out.endFrame();
        channel.flush();
    }
}
