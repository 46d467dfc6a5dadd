package io.aerobackup.catalog.retention;

import java.time.Instant;
import java.util.List;

/**
 * What prune does with one backup folder, and why.
 *
 * @param kind        {@code full} or {@code delta}; null for an incomplete folder (no manifest)
 * @param pointInTime the time retention used (UTC); for an incomplete folder its last activity, or null
 * @param reasons     why: the policies that keep it ("daily 2026-01-03"), "needed by &lt;id&gt;", or why it goes
 */
public record Decision(String backupId, String kind, String parentId, boolean complete, Instant pointInTime,
                       long fileBytes, List<String> reasons) {

    public Decision {
        reasons = List.copyOf(reasons);
    }
}
