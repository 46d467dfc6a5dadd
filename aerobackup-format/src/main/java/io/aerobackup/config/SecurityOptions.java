package io.aerobackup.config;

import com.aerospike.client.policy.AuthMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * TLS and login to the cluster, with asbackup's option names. Immutable and serializable: it
 * travels with the job graph, so it holds where secrets are (a file path, an environment
 * variable's name, a reference to a password typed at this process's prompt), never a secret.
 */
public final class SecurityOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The variable read when {@code --user} is given without {@code --password-file} or {@code --password-env}. */
    public static final String DEFAULT_PASSWORD_ENV = "AEROSPIKE_PASSWORD";

    public static final ConfigOption<Boolean> TLS_ENABLE = ConfigOptions.key("tls-enable").booleanType()
            .defaultValue(false);
    public static final ConfigOption<String> TLS_NAME = ConfigOptions.key("tls-name").stringType().noDefaultValue();
    public static final ConfigOption<String> TLS_CAFILE = ConfigOptions.key("tls-cafile").stringType()
            .noDefaultValue();
    public static final ConfigOption<String> TLS_CERTFILE = ConfigOptions.key("tls-certfile").stringType()
            .noDefaultValue();
    public static final ConfigOption<String> TLS_KEYFILE = ConfigOptions.key("tls-keyfile").stringType()
            .noDefaultValue();
    /** Comma or space separated, e.g. {@code TLSv1.2,TLSv1.3}. */
    public static final ConfigOption<String> TLS_PROTOCOLS = ConfigOptions.key("tls-protocols").stringType()
            .defaultValue("TLSv1.2,TLSv1.3");
    public static final ConfigOption<String> USER = ConfigOptions.key("user").stringType().noDefaultValue();
    public static final ConfigOption<String> PASSWORD_FILE = ConfigOptions.key("password-file").stringType()
            .noDefaultValue();
    public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("password-env").stringType()
            .noDefaultValue();
    public static final ConfigOption<AuthMode> AUTH = ConfigOptions.key("auth").enumType(AuthMode.class)
            .defaultValue(AuthMode.INTERNAL);
    /**
     * Set only by the command line after it prompted for a password: an opaque reference to that
     * password in the same process (local runs only). Not an argument anyone types.
     */
    public static final ConfigOption<String> PASSWORD_PROMPTED = ConfigOptions.key("password-prompted")
            .stringType().noDefaultValue();
    public static final List<ConfigOption<?>> OPTIONS = List.of(TLS_ENABLE, TLS_NAME, TLS_CAFILE, TLS_CERTFILE,
            TLS_KEYFILE, TLS_PROTOCOLS, USER, PASSWORD_FILE, PASSWORD_ENV, AUTH);

    public static final SecurityOptions NONE = new Builder().build();

    private final boolean tls;
    private final String tlsName;
    private final String caFile;
    private final String certFile;
    private final String keyFile;
    private final List<String> protocols;
    private final String user;
    private final PasswordSource password;
    private final AuthMode authMode;

    private SecurityOptions(Builder b) {
        this.tls = b.tls;
        this.tlsName = b.tlsName;
        this.caFile = b.caFile;
        this.certFile = b.certFile;
        this.keyFile = b.keyFile;
        this.protocols = List.copyOf(b.protocols);
        this.user = b.user;
        this.password = b.password;
        this.authMode = b.authMode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads and checks the options; an IllegalArgumentException names the flag. */
    public static SecurityOptions from(ReadableConfig config) {
        Builder b = builder().tls(config.get(TLS_ENABLE)).tlsName(config.get(TLS_NAME))
                .caFile(config.get(TLS_CAFILE)).certFile(config.get(TLS_CERTFILE)).keyFile(config.get(TLS_KEYFILE))
                .protocols(protocols(config.get(TLS_PROTOCOLS))).user(config.get(USER)).authMode(config.get(AUTH));
        String file = config.get(PASSWORD_FILE);
        String env = config.get(PASSWORD_ENV);
        String prompted = config.get(PASSWORD_PROMPTED);
        int given = (file == null ? 0 : 1) + (env == null ? 0 : 1) + (prompted == null ? 0 : 1);
        if (given > 1) {
            throw new IllegalArgumentException("give one of --password-file, --password-env and --password");
        }
        if (file != null) {
            b.password(PasswordSource.file(file));
        } else if (env != null) {
            b.password(PasswordSource.environment(env));
        } else if (prompted != null) {
            b.password(PasswordSource.prompted(prompted));
        } else if (b.user != null) {
            b.password(PasswordSource.environment(DEFAULT_PASSWORD_ENV));
        }
        return b.build();
    }

    static List<String> protocols(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.trim().split("[,\\s]+")).map(p -> p.startsWith("+") ? p.substring(1) : p)
                .filter(p -> !p.isEmpty()).toList();
    }

    public boolean tls() {
        return tls;
    }

    /** The name every host's certificate must carry (CN or DNS SAN); null: hosts give their own. */
    public String tlsName() {
        return tlsName;
    }

    public String caFile() {
        return caFile;
    }

    public String certFile() {
        return certFile;
    }

    public String keyFile() {
        return keyFile;
    }

    public List<String> protocols() {
        return protocols;
    }

    public String user() {
        return user;
    }

    /** Where the password is; null without {@code --user}. */
    public PasswordSource password() {
        return password;
    }

    public AuthMode authMode() {
        return authMode;
    }

    /** True when the client logs in (a user, or PKI). */
    public boolean login() {
        return user != null || authMode == AuthMode.PKI;
    }

    /** Where a password comes from: a file, an environment variable, or this process's prompt. */
    public record PasswordSource(Kind kind, String location) implements Serializable {
        public enum Kind { FILE, ENVIRONMENT, PROMPTED }

        public PasswordSource {
            Objects.requireNonNull(kind, "kind");
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("a password " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs a name");
            }
        }

        public static PasswordSource file(String path) {
            return new PasswordSource(Kind.FILE, path);
        }

        public static PasswordSource environment(String variable) {
            return new PasswordSource(Kind.ENVIRONMENT, variable);
        }

        public static PasswordSource prompted(String reference) {
            return new PasswordSource(Kind.PROMPTED, reference);
        }

        /** Says where, never what: "file /run/secrets/pw", "environment variable AEROSPIKE_PASSWORD", "prompt". */
        public String describe() {
            switch (kind) {
                case FILE:
                    return "--password-file " + location;
                case ENVIRONMENT:
                    return "environment variable " + location;
                default:
                    return "the password typed at the prompt";
            }
        }
    }

    /** Settings; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private boolean tls;
        private String tlsName;
        private String caFile;
        private String certFile;
        private String keyFile;
        private List<String> protocols = SecurityOptions.protocols(TLS_PROTOCOLS.defaultValue());
        private String user;
        private PasswordSource password;
        private AuthMode authMode = AuthMode.INTERNAL;

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder tlsName(String tlsName) {
            this.tlsName = blankToNull(tlsName);
            return this;
        }

        public Builder caFile(String caFile) {
            this.caFile = blankToNull(caFile);
            return this;
        }

        public Builder certFile(String certFile) {
            this.certFile = blankToNull(certFile);
            return this;
        }

        public Builder keyFile(String keyFile) {
            this.keyFile = blankToNull(keyFile);
            return this;
        }

        public Builder protocols(List<String> protocols) {
            this.protocols = List.copyOf(protocols);
            return this;
        }

        public Builder user(String user) {
            this.user = blankToNull(user);
            return this;
        }

        public Builder password(PasswordSource password) {
            this.password = password;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode, "authMode");
            return this;
        }

        public SecurityOptions build() {
            boolean tlsDetail = tlsName != null || caFile != null || certFile != null || keyFile != null;
            if (tlsDetail && !tls) {
                tls = true; // as asbackup: any --tls-* option turns TLS on
            }
            if ((certFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("--tls-certfile and --tls-keyfile go together (mutual TLS)");
            }
            for (String protocol : protocols) {
                if (!protocol.matches("TLSv1(\\.[0-3])?")) {
                    throw new IllegalArgumentException("--tls-protocols: unknown protocol '" + protocol
                            + "'; allowed: TLSv1.2, TLSv1.3");
                }
            }
            if (tls && protocols.isEmpty()) {
                throw new IllegalArgumentException("--tls-protocols names no protocol");
            }
            if (authMode == AuthMode.PKI) {
                if (certFile == null) {
                    throw new IllegalArgumentException("--auth PKI logs in with the client certificate: give"
                            + " --tls-certfile and --tls-keyfile");
                }
                if (user != null) {
                    throw new IllegalArgumentException("--auth PKI takes the user from the client certificate;"
                            + " leave out --user");
                }
                password = null;
            } else if (authMode != AuthMode.INTERNAL && user == null) {
                throw new IllegalArgumentException("--auth " + authMode + " needs --user");
            }
            if (authMode != AuthMode.INTERNAL && authMode != AuthMode.EXTERNAL_INSECURE && !tls) {
                throw new IllegalArgumentException("--auth " + authMode + " sends credentials the server checks"
                        + " outside; it needs --tls-enable");
            }
            if (user == null && password != null && authMode != AuthMode.PKI) {
                throw new IllegalArgumentException("a password source (" + password.describe()
                        + ") needs --user");
            }
            return new SecurityOptions(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
