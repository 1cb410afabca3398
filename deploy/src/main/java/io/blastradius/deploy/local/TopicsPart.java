package io.blastradius.deploy.local;

import io.blastradius.embedded.topic.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates every topic of the design (idempotently: a restart finds them and only re-applies their
 * configs). Stateless once done, so stopping is a no-op.
 */
final class TopicsPart implements StackPart {

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public void start(StackContext context) {
        LocalStackConfig config = context.config();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers()))) {
            new TopicProvisioner(admin, Duration.ofSeconds(30))
                    .ensure(config.topicNames().definitions(config.topicPartitions()));
        }
    }

    @Override
    public void stop() {
        // nothing running
    }
}
