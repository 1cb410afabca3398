package io.blastradius.ingest.social.link;

import java.util.List;

/**
 * What one post is about and how much it reads like an outage complaint.
 *
 * @param services catalog service ids the post names, sorted
 * @param providers provider scopes the post names, most specific form, sorted: {@code aws},
 *     {@code aws/us-east-1}, {@code aws/global/dynamodb}, {@code aws/us-east-1/dynamodb} (see
 *     {@code ScopeId}; a bare provider id is the whole provider)
 * @param keywords outage phrases and error codes found, in the lexicon's spelling
 *     ({@code down}, {@code not working}, {@code 503}), in order of appearance, no duplicates
 * @param complaintScore 0..1; at or above {@link #COMPLAINT_THRESHOLD} the post reads as a
 *     complaint that something is failing now
 */
public record Linking(List<String> services, List<String> providers, List<String> keywords, double complaintScore) {
    /** The score at which a post counts as a complaint. */
    public static final double COMPLAINT_THRESHOLD = 0.5;

    public Linking {
        services = List.copyOf(services);
        providers = List.copyOf(providers);
        keywords = List.copyOf(keywords);
    }

    /** True when the post names at least one service or provider. */
    public boolean linked() {
        return !services.isEmpty() || !providers.isEmpty();
    }

    public boolean complaint() {
        return complaintScore >= COMPLAINT_THRESHOLD;
    }

    /** Provider ids (the first part of each scope), sorted, without duplicates. */
    public List<String> providerIds() {
        return providers.stream().map(p -> {
            int slash = p.indexOf('/');
            return slash < 0 ? p : p.substring(0, slash);
        }).distinct().sorted().toList();
    }
}
