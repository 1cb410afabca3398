package io.blastradius.deploy.local;

/**
 * One part of the local stack (broker, registry, topics; later the streams app, the Connect worker,
 * the query service, a replay). {@link LocalStack} starts parts in order and stops them in reverse.
 *
 * <p>A part reads what earlier parts published from the {@link StackContext} (bootstrap servers,
 * registry URL) and publishes what it offers, including the endpoints to print.
 */
public interface StackPart {

    /** Short name for logs and errors ({@code kafka}, {@code registry}, ...). */
    String name();

    /**
     * Begins slow work that needs nothing from other parts (launching a child process, say), so it
     * overlaps with the start of the parts before this one. Called for every part, in order, before
     * any {@link #start}. Most parts need not override it.
     */
    default void prepare(StackContext context) throws Exception {
    }

    /** Starts the part (finishing what {@link #prepare} began); returns when it is ready for the next part. */
    void start(StackContext context) throws Exception;

    /**
     * Stops the part, within the configured shutdown timeout. Called for every part that was
     * prepared, also when its start failed halfway or never came, so it must cope with a partial start; and it
     * may be called more than once.
     */
    void stop();
}
