package io.blastradius.streams.topology;

import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Validates social signals (keyed by post id) and re-keys each complaint to every service it is
 * about and every provider it names. Only new posts add complaint volume: an edit or a deletion
 * says nothing new about whether a service fails right now, and withdrawing the original post's
 * weight would need per-post state on the hottest input for no gain in detection.
 */
final class SocialValidator extends InputValidator<SocialSignal> {

    SocialValidator(Deserializer<SocialSignal> deserializer) {
        super("streams-app/validate-social-signals", deserializer);
    }

    @Override
    void route(String key, SocialSignal s, Record<byte[], byte[]> record) {
        if (s.getPostId() == null || s.getPostId().isBlank()) {
            throw new InvalidRecordException("MissingField", "postId is empty");
        }
        long at = checkTime(s.getCreatedAt(), s.getObservedAt(), "createdAt");
        double score = s.getComplaintScore();
        if (!(score >= 0 && score <= 1)) {
            throw new InvalidRecordException("InvalidField", "complaintScore " + score + " is outside 0..1");
        }
        Set<String> services = new LinkedHashSet<>();
        for (String service : s.getServices()) {
            services.add(serviceId(service, "services[]"));
        }
        Set<String> providers = new LinkedHashSet<>();
        for (String named : s.getProviders()) {
            try {
                providers.add(ScopeId.parse(named).provider());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("InvalidScope", "providers[] entry '" + named + "': " + e.getMessage());
            }
        }
        if (s.getAction() != PostAction.CREATE || score == 0) {
            return;
        }
        List<String> named = new ArrayList<>(providers);
        for (String service : services) {
            forward(service, Ingress.byService(new ServiceObservation.Complaint(score, named, at, plausible(at, s.getObservedAt()))), at, record);
        }
        for (String provider : providers) {
            forward(CorrelationInput.KEY, Ingress.toProvider(new CorrelationInput.ProviderComplaint(provider, score, at)), at,
                    record);
        }
    }
}
