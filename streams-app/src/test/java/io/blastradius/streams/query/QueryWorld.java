package io.blastradius.streams.query;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.topology.Records;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A small world fed to real topics, in event time: ten DynamoDB users in us-east-1, MetaMask
 * through Infura on DynamoDB, five EC2 users; probes from four vantage points every minute, the
 * DynamoDB users failing from minute 60; posts and a provider status update whose text is hostile
 * HTML, as posts and status pages on the internet can be.
 */
final class QueryWorld {
    static final Instant T0 = Instant.parse("2025-10-20T06:00:00Z");
    static final long MIN = 60_000L;
    static final int FAIL_FROM = 60;
    /** The provider says so well after the failures began: the pipeline should be ahead of it. */
    static final int STATUS_AT = FAIL_FROM + 14;
    static final int END = 90;
    static final String SCOPE = "aws/us-east-1/dynamodb";
    static final List<String> HIT = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "ddb8", "ddb9", "ddb10",
            "infura", "metamask");
    static final List<String> ALL = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "ddb8", "ddb9", "ddb10",
            "infura", "metamask", "ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5");
    private static final String[] VANTAGES = {"v-fra", "v-iad", "v-sin", "v-gru"};
    /** Would set a global and change the title if it ever ran. */
    static final String SCRIPT_POST = "metamask down? <script>window.__pwned=1;document.title='pwned'</script> wallet won't load";
    static final String ONERROR_POST = "infura rpc failing <img src=x onerror=\"window.__pwned=2;document.title='pwned'\"> again";
    static final String STATUS_TITLE = "<b>Increased error rates</b> in US-EAST-1";
    static final String STATUS_BODY = "We are investigating <a href=\"javascript:window.__pwned=3\">elevated errors</a>"
            + "<iframe src=\"javascript:document.title='pwned'\"></iframe> for DynamoDB.";

    private final KafkaTestContext kafka;
    private final Topics topics;

    QueryWorld(KafkaTestContext kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    void publishCatalog() {
        List<ProducerRecord<String, ServiceInfo>> services = new ArrayList<>();
        List<ProducerRecord<String, ServiceDependency>> edges = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            services.add(service("ddb" + i, "DynamoDB user " + i, 1_000_000L));
            edges.add(edge("ddb" + i, SCOPE, DependencyKind.DATABASE));
        }
        for (int i = 1; i <= 5; i++) {
            services.add(service("ec2u" + i, "EC2 user " + i, 100_000L));
            edges.add(edge("ec2u" + i, "aws/us-east-1/ec2", DependencyKind.COMPUTE));
        }
        services.add(service("infura", "Infura", 400_000L));
        services.add(service("metamask", "MetaMask", 30_000_000L));
        edges.add(edge("infura", SCOPE, DependencyKind.DATABASE));
        edges.add(edge("metamask", "infura", DependencyKind.RPC));
        kafka.produce(topics.services().keySerde().serializer(), topics.services().valueSerde().serializer(), services);
        kafka.produce(topics.serviceDependencies().keySerde().serializer(), topics.serviceDependencies().valueSerde().serializer(),
                edges);
    }

    /** Minutes [from, to): probes of every service, the hit ones failing from {@link #FAIL_FROM}; posts and status on cue. */
    void publishMinutes(int from, int to) {
        List<ProducerRecord<String, ProbeResult>> probes = new ArrayList<>();
        List<ProducerRecord<String, SocialSignal>> posts = new ArrayList<>();
        List<ProducerRecord<String, StatusEvent>> status = new ArrayList<>();
        for (int m = from; m < to; m++) {
            for (String s : ALL) {
                boolean failing = HIT.contains(s) && m >= FAIL_FROM;
                for (int v = 0; v < VANTAGES.length; v++) {
                    long at = T0.toEpochMilli() + m * MIN + v * 7_000L + (s.hashCode() & 0xfff);
                    probes.add(new ProducerRecord<>(topics.probeResults().name(), null, at, s, probe(s, VANTAGES[v], !failing, at)));
                }
            }
            if (m == FAIL_FROM + 2) {
                long at = T0.toEpochMilli() + m * MIN + 20_000;
                posts.add(new ProducerRecord<>(topics.socialSignals().name(), null, at, "p-script",
                        post("p-script", List.of("metamask"), SCRIPT_POST, at)));
                posts.add(new ProducerRecord<>(topics.socialSignals().name(), null, at + 1_000, "p-onerror",
                        post("p-onerror", List.of("infura"), ONERROR_POST, at + 1_000)));
            }
            if (m == STATUS_AT) {
                long at = T0.toEpochMilli() + m * MIN + 30_000;
                status.add(new ProducerRecord<>(topics.statusEvents().name(), null, at, "aws/us-east-1", providerStatus(at)));
            }
        }
        kafka.produce(topics.probeResults().keySerde().serializer(), topics.probeResults().valueSerde().serializer(), probes);
        if (!posts.isEmpty()) {
            kafka.produce(topics.socialSignals().keySerde().serializer(), topics.socialSignals().valueSerde().serializer(), posts);
        }
        if (!status.isEmpty()) {
            kafka.produce(topics.statusEvents().keySerde().serializer(), topics.statusEvents().valueSerde().serializer(), status);
        }
    }

    private ProducerRecord<String, ServiceInfo> service(String id, String name, long users) {
        return new ProducerRecord<>(topics.services().name(), id, Records.service(id, name, "org-" + id, users));
    }

    private ProducerRecord<String, ServiceDependency> edge(String service, String target, DependencyKind kind) {
        return new ProducerRecord<>(topics.serviceDependencies().name(), service + "|" + target,
                Records.dependency(service, target, kind));
    }

    static ProbeResult probe(String service, String vantage, boolean success, long at) {
        return Records.probe(service, vantage, success, at, "aws/us-east-1/" + (service.startsWith("ec2") ? "ec2" : "dynamodb"));
    }

    static SocialSignal post(String id, List<String> services, String text, long at) {
        return SocialSignal.newBuilder()
                .setPlatform("mastodon")
                .setPostId(id)
                .setAction(PostAction.CREATE)
                .setUrl("https://social.example/@someone/" + id)
                .setCreatedAt(Instant.ofEpochMilli(at))
                .setObservedAt(Instant.ofEpochMilli(at + 5_000))
                .setServices(services)
                .setProviders(List.of("aws"))
                .setKeywords(List.of("down"))
                .setComplaintScore(0.9)
                .setAuthorHash("h-" + id)
                .setText(text)
                .build();
    }

    static StatusEvent providerStatus(long at) {
        return StatusEvent.newBuilder()
                .setEventId("aws-ev-1")
                .setSource("aws-health")
                .setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1")
                .setProvider("aws")
                .setRegion("us-east-1")
                .setStatus(ComponentStatus.DEGRADED)
                .setIncidentId("aws-42")
                .setIncidentStatus("investigating")
                .setTitle(STATUS_TITLE)
                .setBody(STATUS_BODY)
                .setUrl("https://health.aws.example/")
                .setEventTime(Instant.ofEpochMilli(at))
                .setIngestTime(Instant.ofEpochMilli(at + 30_000))
                .build();
    }
}
