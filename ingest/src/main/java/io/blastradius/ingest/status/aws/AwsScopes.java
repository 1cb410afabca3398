package io.blastradius.ingest.status.aws;

import io.blastradius.ingest.status.Subject;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.scope.ScopeId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps AWS Health service keys ({@code ec2-us-east-1}, {@code cloudfront}, {@code elasticloadbalancing-eu-west-1})
 * to catalog scopes ({@code aws/us-east-1/ec2}, {@code aws/global/cloudfront}). The region is the
 * key's suffix when it has the shape of an AWS region; keys without one are global services. Service
 * names go through an alias table (the dashboard's names where they differ from the catalog's short
 * names), extendable from configuration.
 */
public final class AwsScopes {
    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9][a-z0-9._-]*?)-([a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|"
                    + "southeast|northwest|southwest)-\\d{1,2})");
    /** Dashboard service keys whose catalog name differs. */
    private static final Map<String, String> DEFAULT_ALIASES = Map.ofEntries(
            Map.entry("elasticloadbalancing", "elb"),
            Map.entry("elb", "elb"),
            Map.entry("route53", "route53"),
            Map.entry("route53resolver", "route53-resolver"),
            Map.entry("management-console", "console"),
            Map.entry("managementconsole", "console"),
            Map.entry("awsiam", "iam"),
            Map.entry("iam", "iam"),
            Map.entry("apigateway", "api-gateway"),
            Map.entry("elasticache", "elasticache"),
            Map.entry("cloudwatch", "cloudwatch"),
            Map.entry("events", "eventbridge"),
            Map.entry("eventbridge", "eventbridge"),
            Map.entry("natgateway", "nat-gateway"),
            Map.entry("privatelink", "privatelink"),
            Map.entry("directconnect", "direct-connect"),
            Map.entry("secretsmanager", "secrets-manager"),
            Map.entry("stepfunctions", "step-functions"),
            Map.entry("states", "step-functions"));

    private final Map<String, String> aliases;

    private AwsScopes(Map<String, String> aliases) {
        this.aliases = aliases;
    }

    public static AwsScopes defaults() {
        return new AwsScopes(DEFAULT_ALIASES);
    }

    /** The defaults plus {@code extra} ({@code dashboard key -> catalog service}), which win on conflict. */
    public static AwsScopes withAliases(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(DEFAULT_ALIASES);
        extra.forEach((k, v) -> all.put(k.trim().toLowerCase(Locale.ROOT), v.trim().toLowerCase(Locale.ROOT)));
        return new AwsScopes(Map.copyOf(all));
    }

    /** The scope of a dashboard service key; throws {@link IllegalArgumentException} for an unusable key. */
    public ScopeId scopeOf(String serviceKey) {
        String key = serviceKey.trim().toLowerCase(Locale.ROOT);
        Matcher m = KEY.matcher(key);
        String service;
        String region;
        if (m.matches()) {
            service = m.group(1);
            region = m.group(2);
        } else {
            service = key;
            region = ScopeId.GLOBAL;
        }
        return ScopeId.of("aws", region, aliases.getOrDefault(service, service));
    }

    public Subject subjectOf(String serviceKey) {
        return Subject.scope(scopeOf(serviceKey));
    }

    /**
     * Status of a current-events status code: 0 resolved, 1 informational, 2 degraded, 3 disrupted.
     * Informational posts are kept as DEGRADED: AWS opens real outages with them.
     */
    public static ComponentStatus statusOfCode(int code) {
        switch (code) {
            case 0:
                return ComponentStatus.OPERATIONAL;
            case 1:
                return ComponentStatus.DEGRADED;
            case 2:
                return ComponentStatus.PARTIAL_OUTAGE;
            case 3:
                return ComponentStatus.MAJOR_OUTAGE;
            default:
                return ComponentStatus.UNKNOWN;
        }
    }
}
