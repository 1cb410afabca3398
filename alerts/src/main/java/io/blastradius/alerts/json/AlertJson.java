package io.blastradius.alerts.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageTransition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of an {@link OutageAlert}, for consumers that do not read Avro: the body of the
 * generic webhook and the value of the JSON alert topic. Documented in {@code docs/alerts.md} and
 * {@code docs/schemas/outage-alert.schema.json}; field names are the Avro ones, timestamps are
 * ISO-8601 UTC strings, enums their symbol, absent optional values {@code null} (so are
 * non-finite numbers, which JSON cannot hold). {@code "schema"}
 * names the version of this form: fields are only ever added to a version.
 */
public final class AlertJson {
    /** The value of the {@code "schema"} field. */
    public static final String SCHEMA = "blastradius.outage-alert/v1";

    private static final JsonFactory FACTORY = new JsonFactory();

    private AlertJson() {
    }

    /** UTF-8 JSON of {@code alert}; {@code dashboardUrl} (may be null) goes in {@code links.dashboard}. */
    public static byte[] toJson(OutageAlert alert, String dashboardUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("alertId", alert.getAlertId());
            g.writeStringField("outageId", alert.getOutageId());
            g.writeNumberField("sequence", alert.getSequence());
            nullableString(g, "previousState", alert.getPreviousState() == null ? null : alert.getPreviousState().name());
            g.writeStringField("state", alert.getState().name());
            time(g, "at", alert.getAt());
            g.writeStringField("reason", alert.getReason());
            g.writeFieldName("outage");
            outage(g, alert.getOutage());
            g.writeObjectFieldStart("links");
            nullableString(g, "dashboard", dashboardUrl);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    private static void outage(JsonGenerator g, Outage o) throws IOException {
        g.writeStartObject();
        g.writeStringField("outageId", o.getOutageId());
        g.writeStringField("scope", o.getScope());
        g.writeStringField("provider", o.getProvider());
        nullableString(g, "region", o.getRegion());
        nullableString(g, "providerService", o.getProviderService());
        g.writeStringField("state", o.getState().name());
        time(g, "onset", o.getOnset());
        time(g, "detected", o.getDetected());
        time(g, "confirmed", o.getConfirmed());
        time(g, "acknowledged", o.getAcknowledged());
        time(g, "recovering", o.getRecovering());
        time(g, "resolved", o.getResolved());
        time(g, "updatedAt", o.getUpdatedAt());
        decimal(g, "confidence", o.getConfidence());
        evidence(g, o.getEvidence());
        blastRadius(g, o.getBlastRadius());
        g.writeArrayFieldStart("transitions");
        for (OutageTransition t : o.getTransitions()) {
            g.writeStartObject();
            nullableString(g, "from", t.getFrom() == null ? null : t.getFrom().name());
            g.writeStringField("to", t.getTo().name());
            time(g, "at", t.getAt());
            g.writeStringField("reason", t.getReason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void evidence(JsonGenerator g, OutageEvidence e) throws IOException {
        g.writeObjectFieldStart("evidence");
        g.writeNumberField("unhealthyDependents", e.getUnhealthyDependents());
        g.writeNumberField("totalDependents", e.getTotalDependents());
        decimal(g, "expectedUnhealthy", e.getExpectedUnhealthy());
        decimal(g, "surprise", e.getSurprise());
        g.writeNumberField("attributedProbeFailures", e.getAttributedProbeFailures());
        decimal(g, "complaints", e.getComplaints());
        decimal(g, "providerComplaints", e.getProviderComplaints());
        g.writeArrayFieldStart("statusIncidentIds");
        for (String id : e.getStatusIncidentIds()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeStringField("summary", e.getSummary());
        g.writeEndObject();
    }

    private static void blastRadius(JsonGenerator g, BlastRadius b) throws IOException {
        g.writeObjectFieldStart("blastRadius");
        impacted(g, "observed", b.getObserved());
        impacted(g, "atRisk", b.getAtRisk());
        Impact i = b.getImpact();
        g.writeObjectFieldStart("impact");
        g.writeNumberField("observedServices", i.getObservedServices());
        g.writeNumberField("atRiskServices", i.getAtRiskServices());
        g.writeNumberField("observedUsers", i.getObservedUsers());
        g.writeNumberField("atRiskUsers", i.getAtRiskUsers());
        g.writeNumberField("secondOrderServices", i.getSecondOrderServices());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void impacted(JsonGenerator g, String field, List<ImpactedService> services) throws IOException {
        g.writeArrayFieldStart(field);
        for (ImpactedService s : services) {
            g.writeStartObject();
            g.writeStringField("service", s.getService());
            g.writeArrayFieldStart("path");
            for (String hop : s.getPath()) {
                g.writeString(hop);
            }
            g.writeEndArray();
            g.writeNumberField("depth", s.getDepth());
            g.writeStringField("kind", s.getKind().name());
            time(g, "firstEvidence", s.getFirstEvidence());
            decimal(g, "score", s.getScore());
            g.writeNumberField("users", s.getUsers());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // JSON has no NaN or infinity (a surprise can be infinite when chance is nil): those are null
    private static void decimal(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    private static void time(JsonGenerator g, String field, Instant at) throws IOException {
        nullableString(g, field, at == null ? null : at.toString());
    }

    private static void nullableString(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }
}
