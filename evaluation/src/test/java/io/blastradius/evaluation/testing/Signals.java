package io.blastradius.evaluation.testing;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeProtocol;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ProbeTarget;
import io.blastradius.schemas.ProbeTimings;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.Vantage;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.List;

/** Hand-made input signals, in the real Avro types. */
public final class Signals {
    private static int sequence;

    private Signals() {
    }

    public static ProbeResult probe(String service, Instant at, boolean success, String attributedScope) {
        return probe(service, "probe-us-east", at, success, attributedScope);
    }

    public static ProbeResult probe(String service, String vantage, Instant at, boolean success, String attributedScope) {
        ScopeId scope = attributedScope == null ? null : ScopeId.parse(attributedScope);
        List<IpAttribution> attributions = scope == null ? List.of() : List.of(IpAttribution.newBuilder()
                .setIp("52.94.0.1").setProvider(scope.provider()).setRegion(scope.region())
                .setProviderService(scope.service()).setPrefix("52.94.0.0/22").build());
        return ProbeResult.newBuilder()
                .setProbeId("p" + ++sequence).setCheckId(service + "-https")
                .setVantage(Vantage.newBuilder().setId(vantage).setRegion("us-east").build())
                .setTarget(ProbeTarget.newBuilder().setService(service).setEndpoint("https://" + service + ".example/")
                        .setProtocol(ProbeProtocol.HTTP).build())
                .setStartedAt(at).setIngestTime(at).setDurationMs(120).setSuccess(success)
                .setErrorClass(success ? ProbeErrorClass.NONE : ProbeErrorClass.HTTP_5XX)
                .setResolvedIps(List.of("52.94.0.1")).setAttributions(attributions)
                .setTimings(ProbeTimings.newBuilder().build())
                .build();
    }

    public static SocialSignal complaint(Instant at, List<String> services, List<String> providers, double score) {
        return SocialSignal.newBuilder()
                .setPlatform("simulator").setPostId("post-" + ++sequence).setAction(PostAction.CREATE)
                .setCreatedAt(at).setObservedAt(at).setServices(services).setProviders(providers)
                .setKeywords(List.of("down")).setComplaintScore(score).setAuthorHash("h" + sequence).build();
    }

    public static StatusEvent providerStatus(String scope, Instant at, ComponentStatus status, String title) {
        ScopeId s = ScopeId.parse(scope);
        return StatusEvent.newBuilder()
                .setEventId("s" + ++sequence).setSource("simulator").setSubjectType(SubjectType.PROVIDER)
                .setSubject(scope).setProvider(s.provider()).setRegion(s.region()).setProviderService(s.service())
                .setStatus(status).setTitle(title).setEventTime(at).setIngestTime(at).build();
    }
}
