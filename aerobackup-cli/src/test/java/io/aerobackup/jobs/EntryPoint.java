package io.aerobackup.jobs;

import io.aerobackup.cli.AerobackupCli;
import picocli.CommandLine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A program an example starts: a subcommand of the {@code aerobackup} command line, or a main class
 * for {@code flink run} and the Kubernetes operator. Its arguments are checked with the program's own
 * parser, so a renamed or removed option, a missing required one or a value of the wrong type fails.
 */
record EntryPoint(String description, Parser parser, List<String> leadingArgs) {

    /** Reads the arguments; rejects them with a picocli ParameterException or an IllegalArgumentException. */
    interface Parser {
        void parse(String[] args) throws Exception;
    }

    static EntryPoint cliSubcommand(String name) {
        assertThat(AerobackupCli.newCommandLine().getSubcommands()).as("aerobackup subcommands")
                .containsKey(name);
        // Parsed from the root: picocli parses a subcommand only below its parent.
        return new EntryPoint("aerobackup " + name, args -> AerobackupCli.newCommandLine().parseArgs(args),
                List.of(name));
    }

    /** A {@code flink run} main: its public static {@code check(String...)} reads the arguments as main does. */
    static EntryPoint mainClass(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        Method main = type.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as(className + ".main is static").isTrue();
        Method check;
        try {
            check = type.getMethod("check", String[].class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(className + " has no public static check(String...) that reads its arguments"
                    + " as main does: teach " + EntryPoint.class.getName() + " the parser it uses now", e);
        }
        return new EntryPoint(className, args -> {
            try {
                check.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }, List.of());
    }

    /** Parses {@code args} with a fresh parser; fails naming {@code where} and the parser's complaint. */
    void assertAccepts(List<String> args, String where) {
        try {
            List<String> all = new ArrayList<>(leadingArgs);
            all.addAll(args);
            parser.parse(all.toArray(String[]::new));
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            fail(where + ": " + description + " does not accept " + args + ": " + e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(where + ": cannot run the parser of " + description, e);
        }
    }
}
