package io.blastradius.ingest.simulate;

import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.ProbeErrorClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How failed checks fail: error classes with weights, e.g. {@code http-5xx: 0.7, read-timeout: 0.3}. */
public record ErrorMix(List<ProbeErrorClass> classes, double[] weights) {

    public ErrorMix {
        classes = List.copyOf(classes);
        weights = weights.clone();
        if (classes.isEmpty() || classes.size() != weights.length) {
            throw new IllegalArgumentException("an error mix needs at least one class, one weight each");
        }
    }

    /** Parses a scenario's {@code errors} map; keys are error classes in any case, with dashes or underscores. */
    public static ErrorMix parse(Map<String, Double> errors) {
        Map<ProbeErrorClass, Double> sorted = new TreeMap<>();
        for (Map.Entry<String, Double> e : errors.entrySet()) {
            String name = e.getKey().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            ProbeErrorClass c;
            try {
                c = ProbeErrorClass.valueOf(name);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("unknown error class '" + e.getKey() + "' (one of "
                        + Arrays.stream(ProbeErrorClass.values()).filter(v -> v != ProbeErrorClass.NONE)
                        .map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ")", ex);
            }
            if (c == ProbeErrorClass.NONE || e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("error class '" + e.getKey() + "' needs a non-negative weight and cannot be none");
            }
            sorted.put(c, e.getValue());
        }
        List<ProbeErrorClass> classes = new ArrayList<>(sorted.keySet());
        double[] weights = sorted.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ErrorMix(classes, weights);
    }

    /** How a service fails when a dependency of this kind fails. */
    public static ErrorMix forKind(DependencyKind kind) {
        return switch (kind) {
            case DNS -> of(ProbeErrorClass.DNS_SERVFAIL, 0.6, ProbeErrorClass.DNS_TIMEOUT, 0.3, ProbeErrorClass.DNS_NXDOMAIN, 0.1);
            case CDN -> of(ProbeErrorClass.HTTP_5XX, 0.85, ProbeErrorClass.CONNECT_TIMEOUT, 0.1, ProbeErrorClass.TLS_HANDSHAKE, 0.05);
            case LOAD_BALANCER -> of(ProbeErrorClass.CONNECT_TIMEOUT, 0.4, ProbeErrorClass.CONNECT_RESET, 0.3, ProbeErrorClass.HTTP_5XX, 0.3);
            case HOSTING, COMPUTE -> of(ProbeErrorClass.HTTP_5XX, 0.5, ProbeErrorClass.CONNECT_TIMEOUT, 0.3, ProbeErrorClass.READ_TIMEOUT, 0.2);
            default -> of(ProbeErrorClass.HTTP_5XX, 0.75, ProbeErrorClass.READ_TIMEOUT, 0.25);
        };
    }

    /** What a vantage point with network trouble sees. */
    public static ErrorMix vantageTrouble() {
        return of(ProbeErrorClass.CONNECT_TIMEOUT, 0.5, ProbeErrorClass.DNS_TIMEOUT, 0.3, ProbeErrorClass.READ_TIMEOUT, 0.2);
    }

    private static final ErrorMix FLAKE = of(ProbeErrorClass.READ_TIMEOUT, 0.35, ProbeErrorClass.CONNECT_TIMEOUT, 0.25,
            ProbeErrorClass.HTTP_5XX, 0.2, ProbeErrorClass.DNS_TIMEOUT, 0.1, ProbeErrorClass.CONNECT_RESET, 0.1);

    /** The odd failed check of a healthy service. */
    public static ErrorMix flake() {
        return FLAKE;
    }

    private static ErrorMix of(Object... pairs) {
        List<ProbeErrorClass> classes = new ArrayList<>();
        double[] weights = new double[pairs.length / 2];
        for (int i = 0; i < pairs.length; i += 2) {
            classes.add((ProbeErrorClass) pairs[i]);
            weights[i / 2] = (Double) pairs[i + 1];
        }
        return new ErrorMix(classes, weights);
    }

    public ProbeErrorClass draw(Rng rng) {
        return classes.get(rng.weighted(weights));
    }
}
