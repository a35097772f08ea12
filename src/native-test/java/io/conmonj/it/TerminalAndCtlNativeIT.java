package io.conmonj.it;

/**
 * Terminal mode (console socket, pty) and the ctl/winsz fifos, against the native executable: {@link TerminalAndCtlIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class TerminalAndCtlNativeIT extends TerminalAndCtlIT {
}
