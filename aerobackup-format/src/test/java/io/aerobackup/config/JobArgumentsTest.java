package io.aerobackup.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobArgumentsTest {
    private static final ConfigOption<String> NAME = ConfigOptions.key("name").stringType().noDefaultValue();
    private static final ConfigOption<Integer> COUNT = ConfigOptions.key("count").intType().defaultValue(3);
    private static final ConfigOption<Boolean> DRY_RUN = ConfigOptions.key("dry-run").booleanType()
            .defaultValue(false);
    private static final List<ConfigOption<?>> OPTIONS = List.of(NAME, COUNT, DRY_RUN);

    @Test
    void readsKeyValuePairsAndLeavesTheRestToTheirDefaults() {
        Configuration config = JobArguments.parse(new String[] {"--name", "a"}, OPTIONS);

        assertThat(config.get(NAME)).isEqualTo("a");
        assertThat(config.get(COUNT)).isEqualTo(3);
        assertThat(config.get(DRY_RUN)).isFalse();
    }

    @Test
    void takesKeyEqualsValueAndBooleanFlagsWithoutAValue() {
        Configuration config = JobArguments.parse(new String[] {"--dry-run", "--count=7"}, OPTIONS);

        assertThat(config.get(DRY_RUN)).isTrue();
        assertThat(config.get(COUNT)).isEqualTo(7);
        assertThat(JobArguments.parse(new String[] {"--dry-run", "false"}, OPTIONS).get(DRY_RUN)).isFalse();
    }

    @Test
    void joinsAListGivenTwice() {
        assertThat(JobArguments.parse(new String[] {"--name", "a,b", "--name", "c"}, OPTIONS).get(NAME))
                .isEqualTo("a,b,c");
    }

    @Test
    void namesUnknownOptionsMissingAndBadValues() {
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--nope", "1"}, OPTIONS))
                .hasMessage("unknown option '--nope'");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--name"}, OPTIONS))
                .hasMessage("missing value for option '--name'");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--count", "many"}, OPTIONS))
                .hasMessage("invalid value 'many' for option '--count'");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"stray"}, OPTIONS))
                .hasMessageContaining("unexpected argument 'stray'");
    }

    @Test
    void helpIsAskedForWithDashDashHelpOrDashH() {
        assertThat(JobArguments.wantsHelp(new String[] {"--name", "a", "--help"})).isTrue();
        assertThat(JobArguments.wantsHelp(new String[] {"-h"})).isTrue();
        assertThat(JobArguments.wantsHelp(new String[] {"--name", "a"})).isFalse();
        assertThat(JobArguments.describe(OPTIONS)).contains("--name").contains("--count (default 3)");
    }
}
