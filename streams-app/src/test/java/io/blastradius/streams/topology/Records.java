package io.blastradius.streams.topology;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.DependencySource;
import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeProtocol;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ProbeTarget;
import io.blastradius.schemas.ProbeTimings;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.Vantage;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.List;

/** Builders of the input records for the topology and query tests. */
public final class Records {
    private Records() {
    }

    public static ProbeResult probe(String service, String vantage, boolean success, long at, String attributedScope) {
        ScopeId scope = attributedScope == null ? null : ScopeId.parse(attributedScope);
        List<IpAttribution> attributions = scope == null ? List.of()
                : List.of(IpAttribution.newBuilder().setIp("192.0.2.1").setProvider(scope.provider())
                        .setRegion(scope.region()).setProviderService(scope.service()).setPrefix("192.0.2.0/24").build());
        return ProbeResult.newBuilder()
                .setProbeId(service + "-" + vantage + "-" + at)
                .setCheckId(service + "-https")
                .setVantage(Vantage.newBuilder().setId(vantage).setRegion("eu").build())
                .setTarget(ProbeTarget.newBuilder().setService(service).setEndpoint("https://" + service + ".example")
                        .setProtocol(ProbeProtocol.HTTP).build())
                .setStartedAt(Instant.ofEpochMilli(at))
                .setIngestTime(Instant.ofEpochMilli(at + 2_000))
                .setDurationMs(120.0)
                .setSuccess(success)
                .setErrorClass(success ? ProbeErrorClass.NONE : ProbeErrorClass.DNS_SERVFAIL)
                .setResolvedIps(List.of("192.0.2.1"))
                .setAttributions(attributions)
                .setTimings(ProbeTimings.newBuilder().build())
                .build();
    }

    static SocialSignal complaint(String postId, List<String> services, List<String> providers, long at) {
        return SocialSignal.newBuilder()
                .setPlatform("simulator")
                .setPostId(postId)
                .setAction(PostAction.CREATE)
                .setCreatedAt(Instant.ofEpochMilli(at))
                .setObservedAt(Instant.ofEpochMilli(at + 5_000))
                .setServices(services)
                .setProviders(providers)
                .setKeywords(List.of("down"))
                .setComplaintScore(0.9)
                .setAuthorHash("h-" + postId)
                .build();
    }

    /** The deletion of post {@code postId} at {@code at}, as the connectors publish it: what it was counted for, no score. */
    static SocialSignal deletion(String postId, List<String> services, List<String> providers, long at) {
        return SocialSignal.newBuilder(complaint(postId, services, providers, at))
                .setAction(PostAction.DELETE)
                .setKeywords(List.of())
                .setComplaintScore(0.0)
                .build();
    }

    /** An edit of post {@code postId} at {@code at}: what the post names and scores now. */
    static SocialSignal edit(String postId, List<String> services, List<String> providers, double score, long at) {
        return SocialSignal.newBuilder(complaint(postId, services, providers, at))
                .setAction(PostAction.EDIT)
                .setComplaintScore(score)
                .build();
    }

    static StatusEvent providerStatus(String scope, ComponentStatus status, String incident, long at) {
        ScopeId s = ScopeId.parse(scope);
        return StatusEvent.newBuilder()
                .setEventId("ev-" + incident + "-" + at)
                .setSource("aws-health")
                .setSubjectType(SubjectType.PROVIDER)
                .setSubject(scope)
                .setProvider(s.provider())
                .setRegion(s.region())
                .setProviderService(s.service())
                .setStatus(status)
                .setIncidentId(incident)
                .setIncidentStatus("investigating")
                .setEventTime(Instant.ofEpochMilli(at))
                .setIngestTime(Instant.ofEpochMilli(at + 30_000))
                .build();
    }

    static StatusEvent serviceStatus(String service, ComponentStatus status, long at) {
        return StatusEvent.newBuilder()
                .setEventId("ev-" + service + "-" + at)
                .setSource("statuspage:" + service)
                .setSubjectType(SubjectType.SERVICE)
                .setSubject(service)
                .setComponent("API")
                .setStatus(status)
                .setEventTime(Instant.ofEpochMilli(at))
                .setIngestTime(Instant.ofEpochMilli(at + 30_000))
                .build();
    }

    public static ServiceDependency dependency(String service, String target, DependencyKind kind) {
        boolean scope = ScopeId.looksLikeScope(target);
        return ServiceDependency.newBuilder()
                .setService(service)
                .setTarget(target)
                .setTargetType(scope ? DependencyTargetType.SCOPE : DependencyTargetType.SERVICE)
                .setKind(kind)
                .setCriticality(Criticality.CRITICAL)
                .setSource(DependencySource.DECLARED)
                .setConfidence(1.0)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    public static ServiceInfo service(String id, String name, String organization, long users) {
        return ServiceInfo.newBuilder()
                .setService(id)
                .setName(name)
                .setOrganization(organization)
                .setUsers(users)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }
}
