package io.aerobackup.jobs;

import io.aerobackup.cli.AerobackupCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A program an example starts: a subcommand of the {@code aerobackup} command line, or a main class
 * for {@code flink run} and the Kubernetes operator. Its arguments are checked with the program's own
 * parser, so a renamed or removed option, a missing required one or a value of the wrong type fails.
 */
record EntryPoint(String description, ParserFactory parsers, List<String> leadingArgs) {

    interface ParserFactory {
        CommandLine create() throws Exception;
    }

    static EntryPoint cliSubcommand(String name) {
        assertThat(AerobackupCli.newCommandLine().getSubcommands()).as("aerobackup subcommands")
                .containsKey(name);
        // Parsed from the root: picocli parses a subcommand only below its parent.
        return new EntryPoint("aerobackup " + name, AerobackupCli::newCommandLine, List.of(name));
    }

    static EntryPoint mainClass(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        Method main = type.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as(className + ".main is static").isTrue();
        if (!type.isAnnotationPresent(Command.class)) {
            fail(className + " no longer parses its arguments with picocli: teach " + EntryPoint.class.getName()
                    + " the parser it uses now");
        }
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return new EntryPoint(className, () -> new CommandLine(constructor.newInstance()), List.of());
    }

    /** Parses {@code args} with a fresh parser; fails naming {@code where} and the parser's complaint. */
    void assertAccepts(List<String> args, String where) {
        try {
            List<String> all = new java.util.ArrayList<>(leadingArgs);
            all.addAll(args);
            parsers.create().parseArgs(all.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            fail(where + ": " + description + " does not accept " + args + ": " + e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(where + ": cannot build the parser of " + description, e);
        }
    }
}
