package io.conmonj.it;

/** {@link SocketDirIT}'s tests against the native executable (target/conmonj as built by {@code mvn verify -Dnative}). */
class SocketDirNativeIT extends SocketDirIT {
}
