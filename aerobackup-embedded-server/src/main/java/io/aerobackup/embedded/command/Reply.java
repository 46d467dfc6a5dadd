package io.aerobackup.embedded.command;

import io.aerobackup.embedded.storage.Bin;

import java.util.Collections;
import java.util.List;

/** The outcome of one record command: result code, record metadata and the bins to return. */
final class Reply {
    final int resultCode;
    final int generation;
    final long voidTime;
    final List<Bin> bins;

    Reply(int resultCode, int generation, long voidTime, List<Bin> bins) {
        this.resultCode = resultCode;
        this.generation = generation;
        this.voidTime = voidTime;
        this.bins = bins;
    }

    static Reply error(int resultCode) {
        return new Reply(resultCode, 0, 0, Collections.emptyList());
    }
}
