package io.aerobackup.embedded.topology;


import io.aerobackup.embedded.storage.NamespaceStore;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which node owns which partition, and the generations the client's tend thread watches.
 * Partition p prefers node p mod N; when that node is down the next live node takes it, so a
 * node's leaving moves only its own partitions (as a migration would). Replication factor 1.
 */
public final class ClusterState {
    private final List<NodeIdentity> nodes;
    private final boolean[] up;
    private volatile int[] owners = new int[NamespaceStore.PARTITIONS];
    private final AtomicInteger partitionGeneration = new AtomicInteger(1);
    private final AtomicInteger peersGeneration = new AtomicInteger(1);

    public ClusterState(List<NodeIdentity> nodes) {
        this.nodes = List.copyOf(nodes);
        this.up = new boolean[nodes.size()];
        java.util.Arrays.fill(up, true);
        recompute();
    }

    public List<NodeIdentity> nodes() {
        return nodes;
    }

    public synchronized boolean isUp(int node) {
        return up[node];
    }

    /** Marks a node up or down and moves partitions accordingly. */
    public synchronized void setUp(int node, boolean isUp) {
        if (up[node] == isUp) {
            return;
        }
        up[node] = isUp;
        recompute();
        partitionGeneration.incrementAndGet();
        peersGeneration.incrementAndGet();
    }

    private void recompute() {
        int n = nodes.size();
        int[] next = new int[NamespaceStore.PARTITIONS];
        for (int p = 0; p < next.length; p++) {
            int owner = -1;
            for (int k = 0; k < n && owner < 0; k++) {
                int candidate = (p + k) % n;
                if (up[candidate]) {
                    owner = candidate;
                }
            }
            next[p] = owner;
        }
        owners = next;
    }

    public boolean owns(int node, int partitionId) {
        return owners[partitionId] == node;
    }

    public int partitionGeneration() {
        return partitionGeneration.get();
    }

    public int peersGeneration() {
        return peersGeneration.get();
    }

    /** The partition bitmap of one node, base64 as {@code replicas} carries it. */
    public String ownershipBitmap(int node) {
        int[] current = owners;
        byte[] bitmap = new byte[NamespaceStore.PARTITIONS / 8];
        for (int p = 0; p < current.length; p++) {
            if (current[p] == node) {
                bitmap[p >> 3] |= (byte) (0x80 >> (p & 7));
            }
        }
        return Base64.getEncoder().encodeToString(bitmap);
    }

    /** The live nodes other than {@code node}: what {@code peers-clear-std} lists. */
    public synchronized List<NodeIdentity> peersOf(int node) {
        List<NodeIdentity> peers = new ArrayList<>();
        for (NodeIdentity identity : nodes) {
            if (identity.index() != node && up[identity.index()]) {
                peers.add(identity);
            }
        }
        return peers;
    }

    public synchronized int liveNodes() {
        int count = 0;
        for (boolean isUp : up) {
            count += isUp ? 1 : 0;
        }
        return count;
    }

    public int partitionsOwnedBy(int node) {
        int count = 0;
        for (int owner : owners) {
            if (owner == node) {
                count++;
            }
        }
        return count;
    }
}
