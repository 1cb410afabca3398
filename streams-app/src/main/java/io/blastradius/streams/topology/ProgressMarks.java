package io.blastradius.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 1b: marks this task's event-time progress for the health stage. A health task hears from
 * every task of this sub-topology: its own partition's probes straight away, everything else
 * (complaints, status pages, re-keyed probes) through the by-service repartition, which arrives
 * later; on a replay, minutes of event time later. A health stage that closed its minutes on what
 * arrived first would judge them without their complaints. So after each validated observation
 * that moves this task's clock past a minute (its event time less the grace), this sends a
 * {@link ServiceObservation.Progress} to every partition of the repartition, behind everything it
 * sent before; the health stage closes a minute only once every task's progress has passed it, and
 * so judges it on all of its observations however they interleave, as on one partition.
 *
 * <p>Kept in memory only: after a restart the first progress is sent again, which changes nothing.
 */
final class ProgressMarks implements Processor<String, Ingress, String, Ingress> {
    /** Key of the progress records (they go to every partition, whatever their key). */
    static final String KEY = "";

    private final long graceMillis;
    private ProcessorContext<String, Ingress> context;
    private int source;
    private long marked = Long.MIN_VALUE;

    ProgressMarks(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    public void init(ProcessorContext<String, Ingress> context) {
        this.context = context;
        this.source = context.taskId().partition();
    }

    @Override
    public void process(Record<String, Ingress> record) {
        context.forward(record);
        Ingress in = record.value();
        if (!in.is(Ingress.Route.HEALTH_DIRECT) && !in.is(Ingress.Route.HEALTH_REPARTITION)) {
            return;
        }
        ServiceObservation o = (ServiceObservation) in.value();
        if (!o.clock()) {
            return;
        }
        long minute = ServiceHealthProcessor.closableMinute(o.at(), graceMillis);
        if (minute > marked) {
            marked = minute;
            context.forward(new Record<>(KEY, Ingress.byService(new ServiceObservation.Progress(source, o.at())), o.at()));
        }
    }
}
