package io.conmonj.cli;

/**
 * What --version prints. The first line is the conmon interface level conmonj implements, in the
 * shape podman and CRI-O parse (third field = semver); the last line names conmonj itself.
 */
public final class Version {
    public static final String CONMON_INTERFACE = "2.2.1";
    public static final String CONMONJ = "0.1.0";

    private Version() {
    }

    public static String text() {
        return "conmon version " + CONMON_INTERFACE + "\ncommit: " + commit() + "\nconmonj version " + CONMONJ + "\n";
    }

    /** The git commit the build came from (written into the classes by the build; -Dconmonj.commit overrides it). */
    static String commit() {
        String override = System.getProperty("conmonj.commit");
        if (override != null) {
            return override;
        }
        try (java.io.InputStream in = Version.class.getResourceAsStream("commit.txt")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
