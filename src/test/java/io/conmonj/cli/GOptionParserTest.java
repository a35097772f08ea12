package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GOptionParserTest {
    private static ConmonOptions parse(String... argv) throws OptionParsingException {
        return GOptionParser.parse(List.of(argv)).options();
    }

    private static String error(String... argv) {
        return assertThrows(OptionParsingException.class, () -> GOptionParser.parse(List.of(argv))).getMessage();
    }

    @Test
    void apiVersionIsAFlagAndTheStrayOneIsIgnored() throws Exception {
        ConmonOptions o = parse("--api-version", "1", "-c", "abc");
        assertTrue(o.apiVersion());
        assertEquals("abc", o.cid());
        assertTrue(parse("--api-version=1").apiVersion());
    }

    @Test
    void valuesMayStartWithDashes() throws Exception {
        ConmonOptions o = parse("--runtime-arg", "--log-format=json", "--runtime-arg", "--log",
                "--runtime-arg=/run/oci-log", "--exit-command-arg", "--root", "--runtime-opt", "--preserve-fds",
                "-l", "-c");
        assertEquals(List.of("--log-format=json", "--log", "/run/oci-log"), o.runtimeArgs());
        assertEquals(List.of("--root"), o.exitCommandArgs());
        assertEquals(List.of("--preserve-fds"), o.runtimeOpts());
        assertEquals(List.of("-c"), o.logPaths());
        assertEquals(null, o.cid());
    }

    @Test
    void lastStringWinsArraysAccumulate() throws Exception {
        ConmonOptions o = parse("-c", "a", "--cid=b", "-l", "x", "--log-path", "y", "--log-path=z");
        assertEquals("b", o.cid());
        assertEquals(List.of("x", "y", "z"), o.logPaths());
        assertEquals("", parse("--cid", "x", "--cid=").cid());
    }

    @Test
    void shortFlagsClusterAndShortValuesComeFromTheNextArgument() throws Exception {
        ConmonOptions o = parse("-ti", "-ct", "foo");
        assertTrue(o.terminal());
        assertTrue(o.stdin());
        assertEquals("foo", o.cid());
        assertEquals("Unknown option -cabc", error("-cabc", "foo"));
        assertEquals("Missing argument for -c", error("-c"));
    }

    @Test
    void integersUseBaseZero() throws Exception {
        assertEquals(16, parse("-T", "0x10").timeout());
        assertEquals(8, parse("-T", "010").timeout());
        assertEquals(-5, parse("--timeout=-5").timeout());
        assertEquals(5, parse("-T", " 5").timeout());
        assertEquals(Integer.MIN_VALUE, parse("--timeout=-2147483648").timeout());
        assertEquals(Long.MAX_VALUE, parse("--log-size-max", "0x7fffffffffffffff").logSizeMax());
        assertEquals("Cannot parse integer value \u201c08\u201d for -T", error("-T", "08"));
        assertEquals("Cannot parse integer value \u201c5 \u201d for -T", error("-T", "5 "));
        assertEquals("Cannot parse integer value \u201c\u201d for -T", error("-T", ""));
        assertEquals("Cannot parse integer value \u201c0x\u201d for --exit-delay", error("--exit-delay", "0x"));
        assertEquals("Integer value \u201c2147483648\u201d for --timeout out of range", error("--timeout=2147483648"));
        assertEquals("Integer value \u201c0x8000000000000000\u201d for --log-size-max out of range",
                error("--log-size-max", "0x8000000000000000"));
    }

    @Test
    void positionalArgumentsAreIgnoredAndDoubleDashEndsOptions() throws Exception {
        ConmonOptions o = parse("stray", "-", "-c", "x", "--", "--cid", "y", "--bogus");
        assertEquals("x", o.cid());
    }

    @Test
    void unknownAndMalformedOptions() {
        assertEquals("Unknown option --foo", error("--foo"));
        assertEquals("Unknown option --help=x", error("--help=x"));
        assertEquals("Unknown option --help-conmon", error("--help-conmon"));
        assertEquals("Unknown option --ci", error("--ci", "x"));
        assertEquals("Unknown option --=x", error("--=x"));
        assertEquals("Missing argument for --exit-delay", error("--exit-delay"));
    }

    @Test
    void aFlagGivenAValueIsSetAndTheValueIgnored() throws Exception {
        // GLib matches "--name=" against every entry, flags included
        assertTrue(parse("--sync=x").sync());
        assertTrue(parse("--api-version=1").apiVersion());
        assertTrue(parse("--version=").version());
    }

    @Test
    void aClusterIsReadLetterByLetterAndTheFirstProblemWins() {
        assertEquals("Error parsing option -u", error("-cu", "a", "b"));
        assertEquals("Missing argument for -T", error("-Tz"));
        assertEquals("Cannot parse integer value \u201cx\u201d for -T", error("-Tz", "x"));
        assertEquals("Unknown option -tz", error("-tz"));
        assertEquals("Missing argument for -c", error("-tc"));
    }

    @Test
    void stringValuesAreTheLocalesTextAndMessagesQuoteTheBytes() throws Exception {
        byte[] notUtf8 = {(byte) 0xff};
        String error = assertThrows(OptionParsingException.class,
                () -> GOptionParser.parseBytes(List.of("-c".getBytes(), notUtf8))).getMessage();
        assertEquals("Invalid byte sequence in conversion input", error);
        error = assertThrows(OptionParsingException.class,
                () -> GOptionParser.parseBytes(List.of("-T".getBytes(), notUtf8))).getMessage();
        assertEquals("Cannot parse integer value \u201c\u00ff\u201d for -T", error);
        assertEquals("\u00e9t\u00e9", parse("-n", "\u00e9t\u00e9").name());
    }

    @Test
    void helpStopsParsingWhereItStands() throws Exception {
        assertTrue(GOptionParser.parse(List.of("--help", "--foo")).helpRequested());
        assertTrue(GOptionParser.parse(List.of("-th", "--foo")).helpRequested());
        assertTrue(GOptionParser.parse(List.of("-T", "5", "-?", "-T", "x")).helpRequested());
        assertTrue(GOptionParser.parse(List.of("-Th", "5")).helpRequested());
        assertEquals("Unknown option --foo", error("--foo", "--help"));
        assertEquals("Cannot parse integer value \u201cabc\u201d for -T", error("-Th", "abc"));
        assertFalse(GOptionParser.parse(List.of("--", "--help")).helpRequested());
    }

    @Test
    void helpAndAliases() throws Exception {
        assertTrue(GOptionParser.parse(List.of("--help")).helpRequested());
        assertTrue(GOptionParser.parse(List.of("-h")).helpRequested());
        assertTrue(GOptionParser.parse(List.of("--help-all")).helpRequested());
        assertFalse(GOptionParser.parse(List.of("-c", "x")).helpRequested());
        assertEquals("p", parse("--pidfile", "p").containerPidfile());
        assertEquals(List.of("--tcp-established"), parse("--restore-arg", "--tcp-established").runtimeOpts());
    }

    @Test
    void defaults() throws Exception {
        ConmonOptions o = parse();
        assertEquals(-1, o.logSizeMax());
        assertEquals(-1, o.logGlobalSizeMax());
        assertEquals(1, o.logMaxFiles());
        assertEquals(0, o.timeout());
        assertEquals(0600, o.httpSocketMode());
        assertFalse(flags(o).contains(true));
    }

    private static List<Boolean> flags(ConmonOptions o) {
        return List.of(o.apiVersion(), o.exec(), o.execAttach(), o.leaveStdinOpen(), o.logRotate(), o.noNewKeyring(),
                o.noPivot(), o.noSyncLog(), o.noContainerPartialMessage(), o.replaceListenPid(), o.stdin(), o.sync(),
                o.syslog(), o.systemdCgroup(), o.terminal(), o.version(), o.fullAttach());
    }

    @Test
    void everyFlagIsSetByItsNames() throws Exception {
        ConmonOptions o = parse("--api-version", "-e", "--exec-attach", "--leave-stdin-open", "--log-rotate",
                "--no-new-keyring", "--no-pivot", "--no-sync-log", "--no-container-partial-message", "--replace-listen-pid",
                "-i", "--sync", "--syslog", "-s", "-t", "--version", "--full-attach");
        assertFalse(flags(o).contains(false));
    }

    @Test
    void everyStringOptionKeepsItsLastValueAndEveryArrayAllOfThem() throws Exception {
        ConmonOptions o = parse("-P", "a", "-P", "pid", "--exit-command", "cmd", "--exit-dir", "exits", "--http-socket", "h",
                "--log-level", "debug", "-0", "persist", "--sdnotify-socket", "notify", "--socket-dir-path", "sock",
                "--log-allowlist-dir", "d1", "--log-allowlist-dir=d2", "--log-label", "A=1", "--log-tag", "t", "-n", "name",
                "--restore", "cp", "-b", "bundle", "--exec-process-spec", "spec", "--http-socket-mode", "0660");
        assertEquals(List.of("pid", "cmd", "exits", "h", "debug", "persist", "notify", "sock", "t", "name", "cp", "bundle",
                "spec"), List.of(o.conmonPidfile(), o.exitCommand(), o.exitDir(), o.httpSocket(), o.logLevel(),
                o.persistDir(), o.sdnotifySocket(), o.socketDirPath(), o.logTag(), o.name(), o.restore(), o.bundle(),
                o.execProcessSpec()));
        assertEquals(List.of("d1", "d2"), o.logAllowlistDirs());
        assertEquals(List.of("A=1"), o.logLabels());
        assertEquals(0660, o.httpSocketMode());
    }

    @Test
    void anOptionErrorIsPrintedAsConmonPrintsIt() {
        assertEquals("conmon: option parsing failed: Unknown option --foo", new OptionParsingException("Unknown option --foo").line());
        assertTrue(Version.text().startsWith("conmon version 2.2.1\ncommit: "));
        assertTrue(Version.text().endsWith("\nconmonj version " + Version.CONMONJ + "\n"));
    }

    @Test
    void integersSkipCsWhitespaceOnly() throws Exception {
        for (String space : List.of(" ", "\t", "\n", "\u000b", "\f", "\r")) {
            assertEquals(7, parse("-T", space + "7").timeout(), "after " + (int) space.charAt(0));
        }
        for (String notSpace : List.of("\u0008", "\u000e", "\u001f", "\u00a0")) {
            assertTrue(error("-T", notSpace + "7").startsWith("Cannot parse integer value"), "after " + (int) notSpace.charAt(0));
        }
        assertEquals(Integer.MAX_VALUE, parse("-T", "2147483647").timeout());
        assertEquals(Long.MIN_VALUE, parse("--log-size-max", "-9223372036854775808").logSizeMax());
        assertEquals("Integer value \u201c-2147483649\u201d for -T out of range", error("-T", "-2147483649"));
        assertEquals("Integer value \u201c-9223372036854775809\u201d for --log-size-max out of range",
                error("--log-size-max", "-9223372036854775809"));
        assertEquals(0, parse("-T", "0").timeout());
        assertEquals(-8, parse("-T", "-010").timeout());
        assertEquals("Cannot parse integer value \u201c0x\u201d for -T", error("-T", "0x"));
        assertEquals("Cannot parse integer value \u201c0xg\u201d for -T", error("-T", "0xg"));
        assertEquals("Cannot parse integer value \u201c09\u201d for -T", error("-T", "09"));
        assertEquals(15, parse("-T", "0xF").timeout());
        assertEquals(15, parse("-T", "0Xf").timeout());
    }

    @Test
    void helpColumnsLineUpTwoSpacesPastTheLongestLabel() {
        List<String> options = HelpText.render().lines().filter(l -> l.startsWith("  -")).toList();
        int column = "  --no-container-partial-message".length() + 4;
        for (String line : options) {
            assertTrue(line.length() > column && line.charAt(column - 1) == ' ' && line.charAt(column) != ' ', line);
        }
        assertTrue(options.contains("  --api-version" + " ".repeat(column - 15) + "Conmon API version to use"));
        assertTrue(options.contains("  -c, --cid" + " ".repeat(column - 11) + "Identification of Container"));
    }

    @Test
    void helpTextIsGlibShaped() {
        String help = HelpText.render();
        assertTrue(help.startsWith("Usage:\n  conmon [OPTION\u2026] - conmon utility\n\nHelp Options:\n  -h, --help"));
        assertTrue(help.contains("\n  -c, --cid "));
        assertTrue(help.contains("journald"));
        assertFalse(help.contains("--pidfile "), "hidden alias");
    }
}
