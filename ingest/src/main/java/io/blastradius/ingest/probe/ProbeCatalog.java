package io.blastradius.ingest.probe;

import io.blastradius.ingest.catalog.DependencyEdge;
import io.blastradius.ingest.catalog.Service;
import io.blastradius.ingest.catalog.Vantage;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the probe connector takes from the dependency catalog (the world): endpoints, vantages, declared edges. */
final class ProbeCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeCatalog.class);

    private ProbeCatalog() {
    }

    /** Loads the configured world, or empty when none is configured. */
    static Optional<World> world(ProbeConnectorConfig config) {
        String reference = config.world();
        if (reference == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorldLoader.resolve(reference, null));
        } catch (RuntimeException e) {
            throw new ConfigException(ProbeConnectorConfig.WORLD, reference, "cannot load the world: " + e.getMessage());
        }
    }

    /**
     * Every check of the connector: the configured targets, then each world service's endpoints;
     * one check per id. An endpoint the prober cannot check is logged and left out.
     */
    static List<Check> checks(ProbeConnectorConfig config, Optional<World> world) {
        Map<String, Check> byId = new LinkedHashMap<>();
        config.explicitTargets().forEach(c -> byId.putIfAbsent(c.id(), c));
        world.ifPresent(w -> {
            for (Service s : w.services()) {
                for (String endpoint : s.endpoints()) {
                    try {
                        Check c = Check.of(s.id(), null, endpoint);
                        byId.putIfAbsent(c.id(), c);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("not probing endpoint '{}' of {}: {}", endpoint, s.id(), e.getMessage());
                    }
                }
            }
        });
        return List.copyOf(byId.values());
    }

    /** The vantage identity: configured values first, the world's vantage of the same id for the rest. */
    static VantagePoint vantage(ProbeConnectorConfig config, Optional<World> world) {
        Optional<Vantage> known = world.flatMap(w -> w.vantage(config.vantageId()));
        String region = config.vantageRegion() != null ? config.vantageRegion() : known.map(Vantage::region).orElse(null);
        if (region == null) {
            throw new ConfigException(ProbeConnectorConfig.VANTAGE_REGION, "", "set the vantage's region, or a world that "
                    + "knows vantage '" + config.vantageId() + "'");
        }
        Long asn = config.vantageAsn() != null ? config.vantageAsn() : known.map(Vantage::asn).orElse(null);
        String provider = config.vantageProvider() != null ? config.vantageProvider()
                : known.map(Vantage::provider).orElse(null);
        return new VantagePoint(config.vantageId(), region, asn, provider);
    }

    /** {@code service|target} of every edge the world declares. */
    static Set<String> declaredEdgeKeys(Optional<World> world) {
        Set<String> keys = new HashSet<>();
        world.ifPresent(w -> {
            for (DependencyEdge e : w.edges()) {
                keys.add(e.from() + "|" + e.to());
            }
        });
        return keys;
    }
}
