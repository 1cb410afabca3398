package io.blastradius.ingest.social;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was published for the most recent posts, so that a deletion or an edit can withdraw exactly
 * the services and providers its post was counted for. Least recently used entries go first; a
 * deletion of a post older than the window (or read before a restart) is not seen here.
 */
final class RecentPosts {
    /** What one published post was linked to. */
    record Published(List<String> services, List<String> providers, String authorHash) {
    }

    private final Map<String, Published> byPost;

    RecentPosts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.byPost = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Published> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Published get(String postId) {
        return byPost.get(postId);
    }

    synchronized void put(String postId, Published published) {
        byPost.put(postId, published);
    }

    synchronized Published remove(String postId) {
        return byPost.remove(postId);
    }

    synchronized int size() {
        return byPost.size();
    }
}
