package io.blastradius.ingest.probe.infer;

import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host-name patterns of provider services that show up in CNAME chains: a service whose name is an
 * alias of {@code d111.cloudfront.net} sits behind CloudFront. Where the name carries the region
 * ({@code x.us-east-1.elb.amazonaws.com}) the scope gets it. The list is in {@code docs/probes.md}.
 */
public final class CnamePatterns {
    private static final String AWS_REGION = "([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+)";

    /** One pattern: a regex over the whole lowercase name, the scope it implies ({@code {1}} = captured region). */
    private record Rule(Pattern pattern, String scope, DependencyKind kind) {
    }

    private static final List<Rule> RULES = List.of(
            // AWS
            rule("(?:.+\\.)?cloudfront\\.net", "aws/global/cloudfront", DependencyKind.CDN),
            rule(".+\\.elb\\." + AWS_REGION + "\\.amazonaws\\.com", "aws/{1}/nlb", DependencyKind.LOAD_BALANCER),
            rule(".+\\." + AWS_REGION + "\\.elb\\.amazonaws\\.com", "aws/{1}/elb", DependencyKind.LOAD_BALANCER),
            rule(".+\\.execute-api\\." + AWS_REGION + "\\.amazonaws\\.com", "aws/{1}/api-gateway", DependencyKind.API),
            rule(".+\\.lambda-url\\." + AWS_REGION + "\\.on\\.aws", "aws/{1}/lambda", DependencyKind.COMPUTE),
            rule("(?:.+\\.)?s3[.-]" + AWS_REGION + "\\.amazonaws\\.com", "aws/{1}/s3", DependencyKind.STORAGE),
            rule("(?:.+\\.)?s3-website[.-]" + AWS_REGION + "\\.amazonaws\\.com", "aws/{1}/s3", DependencyKind.STORAGE),
            rule("(?:.+\\.)?s3(?:-external-1)?\\.amazonaws\\.com", "aws/us-east-1/s3", DependencyKind.STORAGE),
            rule(".+\\.compute-1\\.amazonaws\\.com", "aws/us-east-1/ec2", DependencyKind.COMPUTE),
            rule(".+\\." + AWS_REGION + "\\.compute\\.amazonaws\\.com", "aws/{1}/ec2", DependencyKind.COMPUTE),
            rule(".+\\.awsglobalaccelerator\\.com", "aws/global/global-accelerator", DependencyKind.LOAD_BALANCER),
            // Azure
            rule(".+\\.azurefd\\.net", "azure/global/front-door", DependencyKind.CDN),
            rule(".+\\.azureedge\\.net", "azure/global/cdn", DependencyKind.CDN),
            rule(".+\\.trafficmanager\\.net", "azure/global/traffic-manager", DependencyKind.DNS),
            rule(".+\\.([a-z0-9]+)\\.cloudapp\\.azure\\.com", "azure/{1}/vm", DependencyKind.COMPUTE),
            rule(".+\\.azurewebsites\\.net", "azure/global/app-service", DependencyKind.HOSTING),
            rule(".+\\.blob\\.core\\.windows\\.net", "azure/global/storage", DependencyKind.STORAGE),
            rule(".+\\.azure-api\\.net", "azure/global/api-management", DependencyKind.API),
            // Fastly, Akamai, Cloudflare
            rule("(?:.+\\.)?fastly(?:lb)?\\.net", "fastly/global/cdn", DependencyKind.CDN),
            rule("(?:.+\\.)?(?:akamaiedge|akamai|edgekey|edgesuite|akamaihd|akamaized|akamaitechnologies)\\.net",
                    "akamai/global/cdn", DependencyKind.CDN),
            rule(".+\\.cdn\\.cloudflare\\.net", "cloudflare/global/cdn", DependencyKind.CDN),
            // Google
            rule("(?:.+\\.)?ghs\\.googlehosted\\.com", "gcp/global", DependencyKind.HOSTING),
            rule(".+\\.run\\.app", "gcp/global/cloud-run", DependencyKind.COMPUTE),
            rule(".+\\.appspot\\.com", "gcp/global/app-engine", DependencyKind.HOSTING),
            rule("(?:.+\\.)?(?:c\\.)?storage\\.googleapis\\.com", "gcp/global/gcs", DependencyKind.STORAGE),
            rule(".+\\.(?:web\\.app|firebaseapp\\.com)", "gcp/global/firebase-hosting", DependencyKind.HOSTING),
            // DigitalOcean, Oracle
            rule(".+\\.([a-z]{3}\\d)\\.(?:cdn\\.)?digitaloceanspaces\\.com", "digitalocean/{1}/spaces", DependencyKind.STORAGE),
            rule(".+\\.ondigitalocean\\.app", "digitalocean/global/app-platform", DependencyKind.HOSTING),
            rule("objectstorage\\.([a-z]+-[a-z]+-\\d+)\\.oraclecloud\\.com", "oracle/{1}/object-storage",
                    DependencyKind.STORAGE));

    private CnamePatterns() {
    }

    private static Rule rule(String regex, String scope, DependencyKind kind) {
        return new Rule(Pattern.compile(regex), scope, kind);
    }

    /**
     * What a host name in a CNAME chain says the service depends on.
     *
     * @param scope the provider scope the name belongs to
     * @param kind what the service uses it for
     */
    public record Match(ScopeId scope, DependencyKind kind) {
    }

    /** The provider scope {@code hostName} belongs to, if it matches a known pattern. */
    public static Optional<Match> match(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(name);
            if (m.matches()) {
                String scope = m.groupCount() >= 1 && m.group(1) != null ? rule.scope().replace("{1}", m.group(1))
                        : rule.scope();
                try {
                    return Optional.of(new Match(ScopeId.parse(scope), rule.kind()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty(); // a captured region that is not a valid scope part
                }
            }
        }
        return Optional.empty();
    }
}
