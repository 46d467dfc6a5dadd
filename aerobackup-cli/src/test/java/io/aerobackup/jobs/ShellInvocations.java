package io.aerobackup.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aerobackup programs that shell commands in a text start: {@code bin/aerobackup SUBCOMMAND ...},
 * {@code flink run ... -c CLASS JAR ...} and {@code jobs/submit-flink.sh ...} (its class from
 * {@code AEROBACKUP_JOB=} on the line, else the script's default). Continued lines ({@code \} at the
 * end) are joined first and template placeholders ({@code {{ ... }}}) become one word, so crontabs,
 * Markdown code, shell scripts and the command strings of an Airflow DAG read alike.
 */
final class ShellInvocations {
    private static final Pattern CLI = Pattern.compile("(?:[^\\s\"'`]*/)?bin/aerobackup\"?(?=\\s)");
    private static final Pattern FLINK_RUN = Pattern.compile("\\bflink run(?=\\s)");
    private static final Pattern SUBMIT = Pattern.compile("\\bjobs/submit-flink\\.sh(?=\\s)");
    private static final Pattern JOB_VARIABLE = Pattern.compile("AEROBACKUP_JOB=([\\w.]+)");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");
    private static final String OPERATORS = "&|;<>`)";
    /** Marks a line that a backslash continues. */
    private static final String CONTINUED = "\u0000";

    /** One program start: where it is, what it runs, its arguments. */
    record Invocation(String where, EntryPoint entryPoint, List<String> args) {
    }

    private ShellInvocations() {
    }

    static List<Invocation> find(String text, String file, String submitDefaultClass) throws Exception {
        List<Invocation> found = new ArrayList<>();
        String[] lines = TEMPLATE.matcher(text).replaceAll("TEMPLATE").replaceAll("\\\\\\r?\\n[ \\t]*", CONTINUED + "\n")
                .split("\n", -1);
        int lineNumber = 0;
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            lineNumber++;
            if (line.endsWith(CONTINUED)) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            found.addAll(inLine(logical.toString(), file + ":" + lineNumber, submitDefaultClass));
            logical.setLength(0);
        }
        return found;
    }

    private static List<Invocation> inLine(String line, String where, String submitDefaultClass) throws Exception {
        List<Invocation> found = new ArrayList<>();
        Matcher cli = CLI.matcher(line);
        while (cli.find()) {
            List<String> words = words(line.substring(cli.end()));
            if (!words.isEmpty()) {
                found.add(new Invocation(where, EntryPoint.cliSubcommand(words.get(0)), words.subList(1, words.size())));
            }
        }
        Matcher run = FLINK_RUN.matcher(line);
        while (run.find()) {
            List<String> words = words(line.substring(run.end()));
            int c = words.indexOf("-c");
            if (c >= 0 && c + 1 < words.size()) {
                int jar = c + 2;
                while (jar < words.size() && !words.get(jar).endsWith(".jar")) {
                    jar++;
                }
                found.add(new Invocation(where, EntryPoint.mainClass(words.get(c + 1)),
                        words.subList(Math.min(jar + 1, words.size()), words.size())));
            }
        }
        Matcher submit = SUBMIT.matcher(line);
        while (submit.find()) {
            Matcher variable = JOB_VARIABLE.matcher(line);
            String mainClass = variable.find() ? variable.group(1) : submitDefaultClass;
            found.add(new Invocation(where, EntryPoint.mainClass(mainClass), words(line.substring(submit.end()))));
        }
        return found;
    }

    /**
     * The words of a simple command as the shell splits them (quotes removed), up to the first
     * operator ({@code && || ; | > <}, a backtick, a closing parenthesis) or comment.
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (isOperator(c, word)) {
                if (word != null && !word.toString().matches("\\d")) {
                    words.add(word.toString());
                }
                return words;
            } else if (c == '\\' && i + 1 < text.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(text.charAt(++i));
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Inside a word, {@code <} and {@code >} are a placeholder such as {@code aerobackup-<version>.jar},
     * unless the word is a file descriptor ({@code 2>&1}); a {@code #} starts a comment only at a word's start.
     */
    private static boolean isOperator(char c, StringBuilder word) {
        if (c == '<' || c == '>') {
            return word == null || word.toString().matches("\\d");
        }
        return OPERATORS.indexOf(c) >= 0 || (c == '#' && word == null);
    }
}
