package io.blastradius.streams.topology;

import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Validates status events: a service's own status page goes to that service's health, a
 * provider's status feed to the provider's correlation.
 */
final class StatusValidator extends InputValidator<StatusEvent> {

    StatusValidator(Deserializer<StatusEvent> deserializer) {
        super("streams-app/validate-status-events", deserializer);
    }

    @Override
    void route(String key, StatusEvent e, Record<byte[], byte[]> record) {
        if (e.getSubject() == null || e.getSubject().isBlank()) {
            throw new InvalidRecordException("MissingField", "subject is empty");
        }
        if (e.getStatus() == null) {
            throw new InvalidRecordException("MissingField", "status is missing");
        }
        long at = checkTime(e.getEventTime(), e.getIngestTime(), "eventTime");
        long decisionTime = plausible(at, e.getIngestTime()) ? at : e.getIngestTime().toEpochMilli();
        String status = e.getStatus().name();
        if (e.getSubjectType() == SubjectType.PROVIDER) {
            ScopeId scope;
            try {
                scope = ScopeId.parse(e.getSubject());
            } catch (IllegalArgumentException ex) {
                throw new InvalidRecordException("InvalidScope", "subject '" + e.getSubject() + "': " + ex.getMessage());
            }
            forward(CorrelationInput.KEY, Ingress.toProvider(new CorrelationInput.ProviderStatus(scope.toString(),
                    e.getComponent(), status, e.getIncidentId(), e.getIncidentStatus(), decisionTime, source())), decisionTime, record);
        } else {
            String service = knownServiceId(e.getSubject(), "subject");
            forward(service, Ingress.byService(new ServiceObservation.Status(e.getComponent(), status,
                    e.getIncidentId(), at, plausible(at, e.getIngestTime()))), at, record);
        }
    }
}
