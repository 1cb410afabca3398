package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.blastradius.ingest.simulate.Plan.Failure;
import io.blastradius.ingest.simulate.Plan.PlannedOutage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The ground truth of a simulated scenario, written as {@code truth.json} in the format of
 * {@code docs/truth-format.md}: the true provider outages with the services they hit, and the
 * injected noise that is not an outage.
 */
public record Truth(String scenario, String world, long seed, Instant start, Instant end, List<Outage> outages,
        List<ServiceIncident> serviceIncidents, List<VantageIncident> vantageIncidents, List<Chatter> chatter) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * A true provider outage.
     *
     * @param acknowledged the provider's first status post, null when it stayed silent
     */
    public record Outage(String id, String scope, String provider, String title, Instant onset, Instant acknowledged,
            Instant end, List<Phase> phases, List<Hit> hit) {
    }

    public record Phase(String scope, Instant from, Instant until) {
    }

    /**
     * A service the outage truly hit: first failure, last recovery, one dependency path (the
     * service first, the failing scope last, services and provider-internal scopes between), and
     * the spans it was failing in (several when the outage oscillated or came back in a later phase).
     */
    public record Hit(String service, Instant from, Instant until, List<String> path, List<Interval> intervals) {
    }

    public record Interval(Instant from, Instant until) {
    }

    public record ServiceIncident(String service, Instant from, Instant until, String cause) {
    }

    public record VantageIncident(String vantage, Instant from, Instant until) {
    }

    public record Chatter(String provider, Instant from, Instant until, String topic) {
    }

    /** The truth of a plan. */
    public static Truth of(Plan plan) {
        List<Outage> outages = plan.outages().stream().map(Truth::outage).toList();
        return new Truth(plan.scenario(), plan.world().id(), plan.seed(), plan.start(), plan.end(), outages,
                plan.serviceIncidents().stream().map(i -> new ServiceIncident(i.service(), i.from(), i.until(), i.cause())).toList(),
                plan.vantageTroubles().stream().map(v -> new VantageIncident(v.vantage(), v.from(), v.until())).toList(),
                plan.chatter().stream().map(c -> new Chatter(c.provider(), c.from(), c.until(), c.topic())).toList());
    }

    private static Outage outage(PlannedOutage o) {
        return new Outage(o.id(), o.scope().toString(), o.provider(), o.title(), o.onset(), o.acknowledged(), o.end(),
                o.phases().stream().map(p -> new Phase(p.scope().toString(), p.from(), p.until())).toList(),
                o.hits().stream().map(h -> new Hit(h.service(), h.from(), h.until(), h.path(),
                        h.spans().stream().map(Truth::interval).toList())).toList());
    }

    private static Interval interval(Failure f) {
        return new Interval(Instant.ofEpochMilli(f.from()), Instant.ofEpochMilli(f.until()));
    }

    /** The JSON text, stable for a given truth (same plan, same bytes). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the truth as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its directory if needed. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
