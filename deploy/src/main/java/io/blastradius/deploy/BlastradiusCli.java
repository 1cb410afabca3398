package io.blastradius.deploy;

import io.blastradius.deploy.alerts.AlertsCommand;
import io.blastradius.deploy.bench.BenchCommand;
import io.blastradius.deploy.evaluate.EvaluateCommand;
import io.blastradius.deploy.local.LocalCommand;
import io.blastradius.deploy.simulate.SimulateCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code blastradius} command. Subcommands: {@code local} (the whole system on this machine),
 * {@code evaluate} (scenarios through the pipeline, scored), {@code simulate} (a scenario's signals and
 * truth, to files or Kafka), {@code alerts} (an alert subscriber), {@code bench} (benchmarks). Later
 * ones are added in {@link #commandLine(Map)}.
 */
@Command(name = "blastradius", mixinStandardHelpOptions = true, versionProvider = BlastradiusCli.Version.class,
        description = "Spots cloud-provider outages and their blast radius, in real time, on Kafka.",
        synopsisSubcommandLabel = "COMMAND")
public final class BlastradiusCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command tree, reading settings from {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine cli = new CommandLine(new BlastradiusCli());
        cli.addSubcommand(new LocalCommand(environment));
        cli.addSubcommand(new EvaluateCommand(environment));
        cli.addSubcommand(new SimulateCommand(environment));
        cli.addSubcommand(new AlertsCommand(environment));
        cli.addSubcommand(new BenchCommand());
        cli.addSubcommand(new CommandLine.HelpCommand());
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'blastradius local'");
    }

    /** The version from the jar manifest (Implementation-Version), or "development". */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BlastradiusCli.class.getPackage().getImplementationVersion();
            return new String[] {"blastradius " + (v == null ? "development" : v)};
        }
    }
}
