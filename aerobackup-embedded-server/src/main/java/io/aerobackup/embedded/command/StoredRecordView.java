package io.aerobackup.embedded.command;

import io.aerobackup.embedded.expression.RecordView;
import io.aerobackup.embedded.storage.Particle;
import io.aerobackup.embedded.storage.ServerTime;
import io.aerobackup.embedded.storage.StoredRecord;

/** Presents a stored record to filter expressions. */
final class StoredRecordView implements RecordView {
    private final byte[] digest;
    private final StoredRecord record;

    StoredRecordView(byte[] digest, StoredRecord record) {
        this.digest = digest;
        this.record = record;
    }

    @Override
    public Particle bin(String name) {
        return record.bin(name);
    }

    @Override
    public String setName() {
        return record.setName() == null ? "" : record.setName();
    }

    @Override
    public byte[] digest() {
        return digest;
    }

    @Override
    public Particle userKey() {
        return record.userKey();
    }

    @Override
    public long lastUpdateMillis() {
        return record.lastUpdateMillis();
    }

    @Override
    public long voidTimeMillis() {
        return record.voidTime() == 0 ? 0 : ServerTime.toUnixMillis(record.voidTime());
    }

    @Override
    public int recordSizeBytes() {
        return record.sizeBytes();
    }

    @Override
    public boolean isTombstone() {
        return false;
    }
}
