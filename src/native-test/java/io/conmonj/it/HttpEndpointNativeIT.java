package io.conmonj.it;

/**
 * The HTTP endpoint on a unix socket (health, exit, metrics), against the native executable: {@link HttpEndpointIT}'s
 * tests unchanged, the executable under test being target/conmonj as built by {@code mvn verify -Dnative}.
 */
class HttpEndpointNativeIT extends HttpEndpointIT {
}
