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
        String commit = System.getProperty("conmonj.commit", "");
        return "conmon version " + CONMON_INTERFACE + "\ncommit: " + commit + "\nconmonj version " + CONMONJ + "\n";
    }
}
