package io.blastradius.streams.correlation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything observed about one service in one event-time minute: checks and failures per vantage
 * point, error classes and cloud attributions of the failing checks, and complaint weight. Small
 * and mutable: the health stage adds each record to the bucket of its minute.
 */
public final class MinuteBucket {
    private final long minuteStart;
    private final Map<String, int[]> vantages;
    private final Map<String, Integer> errorClasses;
    private final Map<String, Integer> attributedFailures;
    private final Map<String, Double> providersNamed;
    private double complaints;
    private int posts;

    public MinuteBucket(long minuteStart) {
        this(minuteStart, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), 0, 0);
    }

    /** Restores a bucket from its parts; the maps are used as given. */
    public MinuteBucket(long minuteStart, Map<String, int[]> vantages, Map<String, Integer> errorClasses,
            Map<String, Integer> attributedFailures, Map<String, Double> providersNamed, double complaints, int posts) {
        this.minuteStart = minuteStart;
        this.vantages = vantages;
        this.errorClasses = errorClasses;
        this.attributedFailures = attributedFailures;
        this.providersNamed = providersNamed;
        this.complaints = complaints;
        this.posts = posts;
    }

    /** Adds one check; {@code attributedScope} is the scope the failing address attributes to, or null. */
    public void addCheck(String vantage, boolean success, String errorClass, Iterable<String> attributedScopes) {
        int[] tally = vantages.computeIfAbsent(vantage, v -> new int[2]);
        tally[0]++;
        if (!success) {
            tally[1]++;
            if (errorClass != null) {
                errorClasses.merge(errorClass, 1, Integer::sum);
            }
            for (String scope : attributedScopes) {
                attributedFailures.merge(scope, 1, Integer::sum);
            }
        }
    }

    /** Adds one complaint post with weight {@code score} naming {@code providers}. */
    public void addComplaint(double score, Iterable<String> providers) {
        complaints += score;
        posts++;
        for (String provider : providers) {
            providersNamed.merge(provider, score, Double::sum);
        }
    }

    /**
     * Takes back one complaint post of weight {@code score} naming {@code providers}, as added by
     * {@link #addComplaint} (a deleted or edited post). Never goes below nothing.
     */
    public void withdrawComplaint(double score, Iterable<String> providers) {
        complaints = Math.max(0, complaints - score);
        posts = Math.max(0, posts - 1);
        for (String provider : providers) {
            Double left = providersNamed.computeIfPresent(provider, (p, named) -> named - score);
            if (left != null && left <= 1e-9) {
                providersNamed.remove(provider);
            }
        }
    }

    public long minuteStart() {
        return minuteStart;
    }

    /** Vantage id to {checks, failures}. */
    public Map<String, int[]> vantages() {
        return vantages;
    }

    public Map<String, Integer> errorClasses() {
        return errorClasses;
    }

    public Map<String, Integer> attributedFailures() {
        return attributedFailures;
    }

    public Map<String, Double> providersNamed() {
        return providersNamed;
    }

    public double complaints() {
        return complaints;
    }

    public int posts() {
        return posts;
    }

    public boolean hasChecks() {
        return !vantages.isEmpty();
    }
}
