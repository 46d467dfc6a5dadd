package io.aerobackup.sink.parquet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class RecyclingByteBufferAllocatorTest {
    private static final int BIG = 200_000;

    @Test
    void aReleasedBufferIsHandedOutAgainEmptyAndLimitedToTheSizeAsked() {
        RecyclingByteBufferAllocator allocator = new RecyclingByteBufferAllocator(1 << 20);
        ByteBuffer first = allocator.allocate(BIG);
        assertThat(first.position()).isZero();
        assertThat(first.remaining()).isEqualTo(BIG);
        assertThat(first.capacity()).isEqualTo(262_144);
        first.put(new byte[1000]);
        allocator.release(first);
        assertThat(allocator.pooledBytes()).isEqualTo(262_144);

        ByteBuffer second = allocator.allocate(150_000);
        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(150_000);
        assertThat(allocator.pooledBytes()).isZero();
    }

    @Test
    void aBufferReleasedTwiceIsHandedOutOnce() {
        RecyclingByteBufferAllocator allocator = new RecyclingByteBufferAllocator(1 << 20);
        ByteBuffer buffer = allocator.allocate(BIG);
        allocator.release(buffer);
        allocator.release(buffer);
        assertThat(allocator.pooledBytes()).isEqualTo(buffer.capacity());
        ByteBuffer a = allocator.allocate(BIG);
        ByteBuffer b = allocator.allocate(BIG);
        assertThat(a).isSameAs(buffer);
        assertThat(b).isNotSameAs(buffer);
    }

    @Test
    void foreignAndSmallBuffersAreNotKeptAndThePoolIsBounded() {
        RecyclingByteBufferAllocator allocator = new RecyclingByteBufferAllocator(300_000);
        allocator.release(ByteBuffer.allocate(262_144));
        ByteBuffer small = allocator.allocate(1000);
        assertThat(small.capacity()).isEqualTo(1000);
        allocator.release(small);
        assertThat(allocator.pooledBytes()).isZero();

        ByteBuffer a = allocator.allocate(BIG);
        ByteBuffer b = allocator.allocate(BIG);
        allocator.release(a);
        allocator.release(b);
        assertThat(allocator.pooledBytes()).as("only one 256 KiB buffer fits in 300,000 bytes").isEqualTo(262_144);
    }

    @Test
    void sizeClassesArePowersOfTwo() {
        assertThat(RecyclingByteBufferAllocator.sizeClass(65_536)).isEqualTo(65_536);
        assertThat(RecyclingByteBufferAllocator.sizeClass(65_537)).isEqualTo(131_072);
        assertThat(RecyclingByteBufferAllocator.sizeClass(1 << 20)).isEqualTo(1 << 20);
    }
}
