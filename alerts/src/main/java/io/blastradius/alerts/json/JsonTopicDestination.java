package io.blastradius.alerts.json;

import io.blastradius.alerts.config.DestinationType;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.Outcome;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.OutageAlert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Publishes the JSON form of each alert ({@link AlertJson}) to the JSON alert topic, keyed by outage
 * id (so one outage's alerts stay in order in one partition, as on the Avro topic), with the
 * headers {@code content-type: application/json} and {@code alert-id}. It goes through the same
 * worker as the HTTP destinations: retried when the broker fails, offsets committed only once it
 * is written.
 */
public final class JsonTopicDestination implements Destination {
    /** Its name in dead letters and logs. */
    public static final String NAME = "json-topic";

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final String dashboardUrl;
    private final Duration timeout;

    public JsonTopicDestination(String topic, Producer<byte[], byte[]> producer, String dashboardUrl, Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.dashboardUrl = dashboardUrl;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DestinationType type() {
        return DestinationType.JSON_TOPIC;
    }

    @Override
    public Outcome deliver(OutageAlert alert, int attempt) throws InterruptedException {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                alert.getAt().toEpochMilli(), alert.getOutageId().getBytes(StandardCharsets.UTF_8),
                AlertJson.toJson(alert, AlertText.dashboardLink(dashboardUrl, alert.getOutageId())));
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("alert-id", alert.getAlertId().getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome.Delivered(0);
        } catch (ExecutionException e) {
            return new Outcome.Retry(String.valueOf(e.getCause()), null, null);
        } catch (TimeoutException e) {
            return new Outcome.Retry("not acknowledged within " + timeout.toMillis() + " ms", null, null);
        }
    }
}
