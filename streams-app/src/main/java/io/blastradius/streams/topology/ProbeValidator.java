package io.blastradius.streams.topology;

import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Validates probe results. They are keyed by service on the input topic, so a result whose key is
 * its target service stays on its partition (the hot path, no repartition); one keyed otherwise is
 * re-keyed through the by-service repartition rather than lost.
 */
final class ProbeValidator extends InputValidator<ProbeResult> {

    private final Map<Parts, String> scopes = new HashMap<>();

    ProbeValidator(Deserializer<ProbeResult> deserializer) {
        super("streams-app/validate-probe-results", deserializer);
    }

    @Override
    void route(String key, ProbeResult p, Record<byte[], byte[]> record) {
        if (p.getTarget() == null || p.getVantage() == null) {
            throw new InvalidRecordException("MissingField", "target or vantage is missing");
        }
        String service = knownServiceId(p.getTarget().getService(), "target.service");
        String vantage = p.getVantage().getId();
        if (vantage == null || vantage.isBlank()) {
            throw new InvalidRecordException("MissingField", "vantage.id is empty");
        }
        long at = checkTime(p.getStartedAt(), p.getIngestTime(), "startedAt");
        List<String> scopes = List.of();
        // every attribution is checked, on successes too: a malformed record is rejected whatever it reports
        for (IpAttribution a : p.getAttributions()) {
            if (a.getProvider() == null) {
                continue;
            }
            String scope = scope(a);
            if (!p.getSuccess() && !scopes.contains(scope)) {
                if (scopes.isEmpty()) {
                    scopes = new ArrayList<>(2);
                }
                scopes.add(scope);
            }
        }
        String errorClass = p.getSuccess() || p.getErrorClass() == null ? null : p.getErrorClass().name();
        ServiceObservation.Check check = new ServiceObservation.Check(vantage, p.getSuccess(), errorClass, scopes, at,
                plausible(at, p.getIngestTime()));
        forward(service, service.equals(key) ? Ingress.direct(check) : Ingress.byService(check), at, record);
    }

    /** The attribution's scope; the scopes seen before are looked up rather than parsed again (every probe has one). */
    private String scope(IpAttribution a) {
        Parts parts = new Parts(a.getProvider(), a.getRegion(), a.getProviderService());
        String known = scopes.get(parts);
        if (known != null) {
            return known;
        }
        String scope;
        try {
            scope = ScopeId.of(a.getProvider(), a.getRegion(), a.getProviderService()).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("InvalidScope", "attribution of " + a.getIp() + ": " + e.getMessage());
        }
        if (scopes.size() >= CACHED_IDS) {
            scopes.clear();
        }
        scopes.put(parts, scope);
        return scope;
    }

    /** An attribution's scope as written (region and service may be null). */
    private record Parts(String provider, String region, String service) {
    }
}
