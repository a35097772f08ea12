package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import io.conmonj.diag.FatalError;
import io.conmonj.os.Posix;

class ValidatorTest {
    private static final FileAccess ANY_RUNTIME = path -> 0;
    private static final List<String> BASE = List.of("-c", "0123456789abcdef", "-u", "u", "-r", "/bin/false");

    @TempDir
    Path tmp;

    private static ConmonOptions options(List<String> base, String... more) throws OptionParsingException {
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of(more));
        return GOptionParser.parse(argv).options();
    }

    private static Settings valid(String... more) throws OptionParsingException {
        return Validator.validate(options(BASE, more), "/cwd", ANY_RUNTIME);
    }

    private static String failure(Executable check) {
        return assertThrows(FatalError.class, check).line();
    }

    @Test
    void earlyChecksComeInConmonsOrderWithoutItsPrefix() throws Exception {
        assertEquals("conmon: log-max-files must be non-negative, got -1",
                failure(() -> Validator.checkEarly(options(List.of(), "--log-max-files", "-1"))));
        assertEquals("conmon: log-max-files must be at least 1 when log-rotate is enabled, got 0",
                failure(() -> Validator.checkEarly(options(List.of(), "--log-rotate", "--log-max-files", "0"))));
        assertEquals("conmon: Container ID not provided. Use --cid",
                failure(() -> Validator.checkEarly(options(List.of(), "--log-rotate"))));
        Validator.checkEarly(options(List.of("-c", "")));
    }

    @Test
    void modeChecksComeBeforeTheRuntimeAndEveryFatalFormHasTheColon() {
        assertEquals("[conmon:e]: Cannot use 'exec' and 'restore' at the same time",
                failure(() -> Validator.validate(options(List.of("-c", "x"), "-e", "--restore", "r", "--exec-attach"),
                        "/cwd", ANY_RUNTIME)));
        assertEquals("[conmon:e]: Attach can only be specified with exec",
                failure(() -> Validator.validate(options(List.of("-c", "x"), "--exec-attach"), "/cwd", ANY_RUNTIME)));
        assertEquals("[conmon:e]: Attach can only be specified for a non-legacy exec session",
                failure(() -> Validator.validate(options(List.of("-c", "x"), "-e", "--exec-attach"), "/cwd", ANY_RUNTIME)));
        assertEquals("[conmon:e]: Container UUID not provided. Use --cuuid",
                failure(() -> Validator.validate(options(List.of("-c", "x")), "/cwd", ANY_RUNTIME)));
        assertEquals("[conmon:e]: Runtime path not provided. Use --runtime",
                failure(() -> Validator.validate(options(List.of("-c", "x"), "-e"), "/cwd", ANY_RUNTIME)));
        assertEquals("[conmon:e]: Exec process spec path not provided. Use --exec-process-spec",
                failure(() -> valid("-e")));
        assertEquals("[conmon:e]: Delay before invoking exit command must be greater than or equal to 0",
                failure(() -> valid("--exit-delay", "-1")));
        assertEquals("[conmon:e]: Log driver not provided. Use --log-path", failure(() -> valid()));
    }

    @Test
    void theRuntimeIsCheckedByAccessOnThePathExactlyAsGiven() throws Exception {
        FileAccess real = FileAccess.of(Posix.load());
        Path notExecutable = Files.writeString(tmp.resolve("file"), "x");
        ConmonOptions empty = options(List.of("-c", "x", "-u", "u", "-r", "", "-l", "none"));
        assertEquals("[conmon:e]: Runtime path  is not valid No such file or directory",
                failure(() -> Validator.validate(empty, "/cwd", real)));
        assertEquals("[conmon:e]: Runtime path /bin/false/ is not valid Not a directory",
                failure(() -> Validator.validate(options(List.of("-c", "x", "-u", "u", "-r", "/bin/false/")), "/cwd", real)));
        assertEquals("[conmon:e]: Runtime path " + notExecutable + " is not valid Permission denied",
                failure(() -> Validator.validate(options(List.of("-c", "x", "-u", "u", "-r", notExecutable.toString())),
                        "/cwd", real)));
        // a directory passes access(X_OK), as conmon's tests rely on
        Validator.validate(options(List.of("-c", "x", "-u", "u", "-r", "/tmp", "-l", "none")), "/cwd", real);
    }

    @Test
    void defaultsResolveAgainstTheWorkingDirectory() throws Exception {
        Settings create = valid("-l", "none");
        assertEquals("/cwd", create.bundle());
        assertEquals("/cwd/pidfile-0123456789abcdef", create.containerPidfile());
        Settings exec = valid("-l", "none", "-e", "--exec-process-spec", "s", "-p", "/p");
        assertEquals(null, exec.bundle());
        assertEquals("/p", exec.containerPidfile());
    }

    @Test
    void theSyncPipeKeyFollowsTheApiAndTheMode() throws Exception {
        assertEquals("data", valid("-l", "none", "--api-version").syncKey());
        assertEquals("pid", valid("-l", "none").syncKey());
        assertEquals("exit_code", valid("-l", "none", "-e", "--exec-process-spec", "s").syncKey());
        assertEquals(true, valid("-l", "none", "--api-version").api1());
        assertEquals(false, valid("-l", "none").api1());
    }

    @Test
    void logOptionsAreCheckedOnlyOnceTheLogIsOpen() throws Exception {
        // validate() accepts what checkLogDrivers() refuses: the caller opens the log file in between
        Settings tagged = valid("-l", "/nonexistent/ctr.log", "--log-tag", "t");
        assertEquals("[conmon:e]: k8s-file doesn't support --log-tag", failure(() -> Validator.checkLogDrivers(tagged)));
        Settings labelled = valid("-l", "ctr.log", "--log-label", "A=b");
        assertEquals("[conmon:e]: k8s-file doesn't support --log-label", failure(() -> Validator.checkLogDrivers(labelled)));
        Validator.checkLogDrivers(valid("-l", "ctr.log", "-l", "journald", "--log-tag", "t", "--log-label", "A=b"));
        // no driver that takes labels: nothing to check
        Validator.checkLogDrivers(valid("-l", "none", "--log-label", "=bad"));
    }

    @Test
    void journaldNeedsAContainerIdLongerThanTwelveBytes() throws Exception {
        ConmonOptions twelve = options(List.of("-c", "abcdefghijkl", "-u", "u", "-r", "r", "-l", "journald"));
        assertEquals("[conmon:e]: Container ID must be longer than 12 characters",
                failure(() -> Validator.checkLogDrivers(Validator.validate(twelve, "/cwd", ANY_RUNTIME))));
        // strlen counts bytes: seven two-byte characters are long enough
        ConmonOptions wide = options(List.of("-c", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "-u", "u", "-r", "r",
                "-l", "journald"));
        Validator.checkLogDrivers(Validator.validate(wide, "/cwd", ANY_RUNTIME));
    }

    @Test
    void journaldLabelsGetConmonsMessages() {
        assertEquals("[conmon:e]: Container labels must be in format LABEL=VALUE (no LABEL present in '=x')",
                failure(() -> Validator.checkLogDrivers(valid("-l", "journald", "--log-label", "=x"))));
        assertEquals("[conmon:e]: Container labels must be in format LABEL=VALUE (none or more than one '=' present in 'A')",
                failure(() -> Validator.checkLogDrivers(valid("-l", "journald", "--log-label", "A=1", "--log-label", "A"))));
        assertEquals("[conmon:e]: Container labels must be in format LABEL=VALUE (none or more than one '=' present in 'A=b=c')",
                failure(() -> Validator.checkLogDrivers(valid("-l", "journald", "--log-label", "A=b=c"))));
        assertEquals("[conmon:e]: Container label names must contain only uppercase letters, numbers and underscore (in 'My=x')",
                failure(() -> Validator.checkLogDrivers(valid("-l", "journald", "--log-label", "My=x"))));
    }

    @Test
    void labelNamesAreUppercaseLettersDigitsAndUnderscoreOnly() throws Exception {
        Validator.checkLogDrivers(valid("-l", "journald", "--log-label", "AZ09_=x", "--log-label", "B=", "--log-label", "_=a"));
        for (String name : List.of("@", "[", "a", "z", "/", ":", "-", " ", "\u00c9")) {
            assertEquals("[conmon:e]: Container label names must contain only uppercase letters, numbers and underscore (in '"
                    + name + "=x')", failure(() -> Validator.checkLogDrivers(valid("-l", "journald", "--log-label", name + "=x"))));
        }
    }

    @Test
    void thePartialMessageOptionWarnsWithoutJournald() throws Exception {
        assertEquals(List.of("--no-container-partial-message has no effect without journald log driver"),
                Validator.warnings(valid("-l", "none", "--no-container-partial-message")));
        assertEquals(List.of(), Validator.warnings(valid("-l", "journald", "--no-container-partial-message")));
        assertEquals(List.of(), Validator.warnings(valid("-l", "none")));
    }
}
