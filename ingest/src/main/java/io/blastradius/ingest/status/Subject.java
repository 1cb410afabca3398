package io.blastradius.ingest.status;

import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a status observation is about: a provider scope ({@code aws/us-east-1/dynamodb}) or a
 * downstream service id ({@code github}). The record key of status events.
 */
public record Subject(SubjectType type, String id, String provider, String region, String providerService) {
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public Subject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Subject scope(ScopeId scope) {
        return new Subject(SubjectType.PROVIDER, scope.toString(), scope.provider(), scope.region(), scope.service());
    }

    public static Subject service(String serviceId) {
        String id = serviceId == null ? "" : serviceId.trim();
        if (!SERVICE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid service id '" + serviceId + "': use [a-z0-9][a-z0-9._-]*");
        }
        return new Subject(SubjectType.SERVICE, id, null, null, null);
    }

    /** A scope when the text has a slash ({@code cloudflare/global/cdn}), else a service id. */
    public static Subject parse(String text) {
        return ScopeId.looksLikeScope(text) ? scope(ScopeId.parse(text)) : service(text);
    }

    @Override
    public String toString() {
        return id;
    }
}
