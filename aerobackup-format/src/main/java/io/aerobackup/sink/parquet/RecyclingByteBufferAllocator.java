package io.aerobackup.sink.parquet;

import org.apache.parquet.bytes.ByteBufferAllocator;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Heap buffers for one Parquet writer that come back after use: the column writers take fresh
 * slabs for every page and give them back when the page is written, so without recycling every
 * page cost new, zeroed arrays (a few GB per 5M records) and the young collections they bring.
 *
 * <p>Buffers of 64 KiB and more are handed out from power-of-two size classes (limited to the
 * size asked for) and kept on release up to {@code maxPooledBytes} in all; smaller ones are plain
 * allocations. Only buffers this allocator handed out and that are still out are taken back, so a
 * buffer released twice is never handed out twice. Not thread-safe: one writer, one allocator.
 */
final class RecyclingByteBufferAllocator implements ByteBufferAllocator {
    static final int MIN_POOLED = 64 * 1024;

    private final long maxPooledBytes;
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();
    private final Map<ByteBuffer, Boolean> out = new IdentityHashMap<>();
    private long pooledBytes;

    RecyclingByteBufferAllocator(long maxPooledBytes) {
        this.maxPooledBytes = maxPooledBytes;
    }

    @Override
    public ByteBuffer allocate(int size) {
        if (size < MIN_POOLED) {
            return ByteBuffer.allocate(size);
        }
        int capacity = sizeClass(size);
        ArrayDeque<ByteBuffer> pool = free.get(capacity);
        ByteBuffer buffer = pool == null ? null : pool.pollLast();
        if (buffer == null) {
            buffer = ByteBuffer.allocate(capacity);
        } else {
            pooledBytes -= capacity;
        }
        buffer.clear().limit(size);
        out.put(buffer, Boolean.TRUE);
        return buffer;
    }

    @Override
    public void release(ByteBuffer buffer) {
        if (out.remove(buffer) == null || pooledBytes + buffer.capacity() > maxPooledBytes) {
            return; // not ours, released already, or the pool is full: the collector takes it
        }
        free.computeIfAbsent(buffer.capacity(), c -> new ArrayDeque<>()).addLast(buffer);
        pooledBytes += buffer.capacity();
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /** Bytes held for reuse right now. */
    long pooledBytes() {
        return pooledBytes;
    }

    /** The smallest power of two that holds {@code size}. */
    static int sizeClass(int size) {
        int highest = Integer.highestOneBit(size);
        return highest == size ? size : highest << 1;
    }
}
