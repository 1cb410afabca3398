package io.blastradius.schemas.topic;

import io.blastradius.schemas.AlertDeadLetter;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the design as a typed {@link Topic}. Keys are UTF-8 strings (service id, post id,
 * outage id, {@code service|target}); values are Confluent-framed Avro. (The JSON alert topic,
 * {@link TopicNames#outageAlertsJson()}, has no Avro serde and is not listed here.)
 */
public record Topics(
        Topic<String, StatusEvent> statusEvents,
        Topic<String, SocialSignal> socialSignals,
        Topic<String, ProbeResult> probeResults,
        Topic<String, ServiceDependency> serviceDependencies,
        Topic<String, ServiceInfo> services,
        Topic<String, ServiceHealth> serviceHealth,
        Topic<String, Outage> outages,
        Topic<String, OutageAlert> outageAlerts,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, AlertDeadLetter> alertDeadLetters) {

    /** Builds the typed topics for {@code names}, with value serdes from {@code serdes}. */
    public static Topics create(TopicNames names, AvroSerdes serdes) {
        Serde<String> keys = Serdes.String();
        return new Topics(
                new Topic<>(names.statusEvents(), keys, serdes.value(StatusEvent.class)),
                new Topic<>(names.socialSignals(), keys, serdes.value(SocialSignal.class)),
                new Topic<>(names.probeResults(), keys, serdes.value(ProbeResult.class)),
                new Topic<>(names.serviceDependencies(), keys, serdes.value(ServiceDependency.class)),
                new Topic<>(names.services(), keys, serdes.value(ServiceInfo.class)),
                new Topic<>(names.serviceHealth(), keys, serdes.value(ServiceHealth.class)),
                new Topic<>(names.outages(), keys, serdes.value(Outage.class)),
                new Topic<>(names.outageAlerts(), keys, serdes.value(OutageAlert.class)),
                new Topic<>(names.deadLetters(), keys, serdes.value(DeadLetter.class)),
                new Topic<>(names.alertDeadLetters(), keys, serdes.value(AlertDeadLetter.class)));
    }
}
