package io.blastradius.deploy.local;

import io.blastradius.evaluation.run.ConsumerGroupDrain;
import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.ingest.simulate.Plan;
import io.blastradius.ingest.simulate.Plan.PlannedOutage;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a scenario into the input topics, as the connectors would publish it live: publishes the
 * world's catalog, then the simulator's status events, posts and probe results in event-time order
 * with their event times as record timestamps, on a thread of its own.
 *
 * <p>The ordinary traffic before the first outage (a day, in the real replays) is what the pipeline
 * learns its baselines from; it goes out at full speed, and the replay waits until the pipeline has
 * consumed it. From {@code replay.lead.minutes} before the first outage on, publishing is paced at
 * {@code replay.speed}. Pacing only spaces the records out in wall-clock time: the pipeline sees the
 * same records with the same event times at any speed.
 *
 * <p>Topics kept from an earlier run already hold part of the replay: it resumes after the latest
 * event time found there (the simulator is deterministic, so the rest is what that run would have
 * sent), and replays nothing when the topics are past the scenario's end, since event time must not
 * go backwards.
 */
final class ReplayPart implements StackPart {
    private static final Logger log = LoggerFactory.getLogger(ReplayPart.class);
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String INDENT = " ".repeat(13);

    private Thread thread;
    private AvroSerdes serdes;
    private volatile boolean publishes;
    private Duration stopTimeout = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "replay";
    }

    /** Whether this part has signals to publish (a scenario is set and the topics are not already past it). */
    boolean publishes() {
        return publishes;
    }

    @Override
    public void start(StackContext context) throws Exception {
        LocalStackConfig config = context.config();
        if (config.replayScenario().isEmpty()) {
            return;
        }
        stopTimeout = config.shutdownTimeout();
        Simulator simulator = Simulator.of(ScenarioLoader.resolve(config.replayScenario().get()));
        Plan plan = simulator.plan();
        serdes = new AvroSerdes(context.serdeConfig());
        Topics topics = Topics.create(context.topicNames(), serdes);
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        int catalog = CatalogPublisher.publish(plan.world(), topics, producer, plan.start());
        Instant resumeAfter = latestEventTime(context.bootstrapServers(), context.topicNames());
        Instant pacedFrom = plan.outages().stream().map(PlannedOutage::onset).min(Comparator.naturalOrder())
                .map(onset -> onset.minus(config.replayLead())).filter(t -> t.isAfter(plan.start())).orElse(plan.start());

        StackConsole console = context.console();
        console.print(String.format(Locale.ROOT, "replay       %s, %s → %s UTC (event time), %d outage%s; catalog of %d services "
                        + "published", plan.scenario(), CLOCK.format(plan.start()), CLOCK.format(plan.end()), plan.outages().size(),
                plan.outages().size() == 1 ? "" : "s", plan.world().services().size()));
        if (resumeAfter != null && !resumeAfter.isBefore(plan.end().minusMillis(1))) {
            console.print(INDENT + "nothing to replay: the topics already reach " + CLOCK.format(resumeAfter)
                    + " (event time may not go backwards; start with an empty data directory to replay again)");
            return;
        }
        if (resumeAfter != null && resumeAfter.isAfter(plan.start())) {
            console.print(INDENT + "the topics already hold it up to " + CLOCK.format(resumeAfter)
                    + " (an earlier run): resuming after that");
        } else {
            resumeAfter = null;
        }
        publishes = true;
        Replay replay = new Replay(simulator, topics, producer, config.replaySpeed(), pacedFrom, resumeAfter, console,
                catchUp(context, config));
        thread = new Thread(replay::run, "blastradius-replay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the stack's pipelines have consumed everything in the input topics. */
    private static Replay.CatchUp catchUp(StackContext context, LocalStackConfig config) {
        List<String> groups = context.pipelineGroups();
        List<String> inputs = inputTopics(context.topicNames());
        return () -> {
            if (groups.isEmpty()) {
                return true;
            }
            try (Admin admin = admin(context.bootstrapServers())) {
                new ConsumerGroupDrain(admin, Duration.ofMillis(500), config.replayCatchUpTimeout()).await(groups, inputs);
                return true;
            } catch (TimeoutException e) {
                log.warn("{}", e.getMessage());
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the pipeline's progress: " + e.getMessage(), e);
            }
        };
    }

    private static List<String> inputTopics(TopicNames names) {
        return List.of(names.statusEvents(), names.socialSignals(), names.probeResults());
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The latest record timestamp (event time) in the input topics, or null when they are empty. */
    private static Instant latestEventTime(String bootstrap, TopicNames names) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(inputTopics(names)).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.maxTimestamp())));
            long latest = -1;
            for (ListOffsetsResultInfo info : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values()) {
                if (info.offset() >= 0) {
                    latest = Math.max(latest, info.timestamp());
                }
            }
            return latest < 0 ? null : Instant.ofEpochMilli(latest);
        }
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(stopTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("the replay did not stop within {}", stopTimeout);
            }
            thread = null;
        }
        if (serdes != null) {
            serdes.close();
            serdes = null;
        }
    }
}
